import type { Format } from '../args.ts';
import { renderGithub } from './github.ts';
import { renderJunit } from './junit.ts';
import type { Report } from './report.ts';
import type { Style } from './style.ts';

/** The report in the chosen format, ending with a newline. */
export function renderReport(report: Report, format: Format, style: Style): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report.json, null, 2)}\n`;
    case 'github':
      return renderGithub(report);
    case 'junit':
      return renderJunit(report);
    case 'human': {
      const text = report.human(style);
      return text.endsWith('\n') ? text : `${text}\n`;
    }
  }
}
