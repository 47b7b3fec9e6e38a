import type { Finding, Report } from './report.ts';

const LEVEL = { error: 'error', warn: 'warning', info: 'notice' } as const;

// Workflow-command escaping (actions/toolkit): data escapes %, CR and LF; properties also ':' and ','.
const escapeData = (text: string): string =>
  text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
const escapeProperty = (text: string): string =>
  escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');

/** One `::error file=…,line=…,col=…,title=…::message` line per finding, then a plain summary line. */
export function renderGithub(report: Report): string {
  const lines: string[] = [];
  for (const testCase of report.cases) {
    for (const finding of testCase.findings) lines.push(workflowCommand(finding));
    if (testCase.failed && testCase.findings.every((f) => f.severity !== 'error')) {
      lines.push(`::error title=${escapeProperty(report.command)}::${escapeData(`${testCase.name} failed`)}`);
    }
  }
  const failed = report.cases.filter((c) => c.failed).length;
  lines.push(`${report.command}: ${report.cases.length - failed} passed, ${failed} failed`);
  return `${lines.join('\n')}\n`;
}

export function workflowCommand(finding: Finding): string {
  const properties: string[] = [];
  if (finding.file !== undefined) properties.push(`file=${escapeProperty(finding.file)}`);
  if (finding.line !== undefined) properties.push(`line=${finding.line}`);
  if (finding.column !== undefined) properties.push(`col=${finding.column}`);
  properties.push(`title=${escapeProperty(finding.rule)}`);
  return `::${LEVEL[finding.severity]} ${properties.join(',')}::${escapeData(finding.message)}`;
}
