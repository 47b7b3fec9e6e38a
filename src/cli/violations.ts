import type { Finding, Severity } from './output/report.ts';
import type { Style } from './output/style.ts';

/** A violation of either engine as the CLI shows it (JSON Schema violations have no severity: errors). */
export interface ShownViolation {
  rule: string;
  oldPath: string;
  newPath: string;
  message: string;
  direction?: string;
  oldVersion?: number;
  severity?: Severity;
  hint?: string;
  counterexample?: unknown;
}

export const severityOf = (v: ShownViolation): Severity => v.severity ?? 'error';

/** Violations as annotations on `file` (the proposed schema). */
export function violationFindings(violations: readonly ShownViolation[], file: string): Finding[] {
  return violations.map((v) => ({
    file,
    rule: v.rule,
    severity: severityOf(v),
    message: `${v.message}${v.direction ? ` (${v.direction}${v.oldVersion === undefined ? '' : ` against version ${v.oldVersion}`})` : ''}`,
  }));
}

/** Each violation as a block: rule and direction, both paths, the sentence, the hint and counterexample. */
export function humanViolations(violations: readonly ShownViolation[], style: Style): string[] {
  const lines: string[] = [];
  for (const v of violations) {
    const severity = severityOf(v);
    const mark =
      severity === 'error' ? style.red('✗') : severity === 'warn' ? style.yellow('!') : style.dim('i');
    const against = v.oldVersion === undefined ? '' : ` against version ${v.oldVersion}`;
    lines.push(`  ${mark} ${style.bold(v.rule)}${style.dim(` ${v.direction ?? ''}${against}`)}`);
    lines.push(`    old ${v.oldPath || '#'}  new ${v.newPath || '#'}`);
    lines.push(`    ${v.message}`);
    if (v.hint !== undefined) lines.push(`    ${style.dim('hint:')} ${v.hint}`);
    if (v.counterexample !== undefined) {
      lines.push(`    ${style.dim('counterexample:')} ${JSON.stringify(v.counterexample)}`);
    }
  }
  return lines;
}
