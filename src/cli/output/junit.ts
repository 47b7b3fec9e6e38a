import type { Finding, Report } from './report.ts';

const escapeXml = (text: string): string =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    // XML 1.0 cannot carry most control characters, even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function place(finding: Finding): string {
  if (finding.file === undefined) return '';
  const line =
    finding.line === undefined
      ? ''
      : `:${finding.line}${finding.column === undefined ? '' : `:${finding.column}`}`;
  return `${finding.file}${line}: `;
}

/** One testsuite for the command, one testcase per case; error findings are `<failure>`s, the rest output. */
export function renderJunit(report: Report): string {
  const failures = report.cases.filter((c) => c.failed).length;
  const suite = escapeXml(report.command);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${suite}" tests="${report.cases.length}" failures="${failures}">`,
    `  <testsuite name="${suite}" tests="${report.cases.length}" failures="${failures}" errors="0">`,
  ];
  for (const testCase of report.cases) {
    lines.push(`    <testcase name="${escapeXml(testCase.name)}" classname="${suite}">`);
    const errors = testCase.findings.filter((f) => f.severity === 'error');
    if (testCase.failed) {
      const first = errors[0];
      const message = first === undefined ? `${testCase.name} failed` : `${first.rule}: ${first.message}`;
      const body = (errors.length > 0 ? errors : testCase.findings)
        .map((f) => `${place(f)}${f.rule} ${f.message}`)
        .join('\n');
      lines.push(
        `      <failure message="${escapeXml(message)}" type="${escapeXml(first?.rule ?? 'failed')}">${escapeXml(body)}</failure>`,
      );
    }
    // What is not a <failure> (warnings, notes, or everything of a passing case) goes to <system-out>.
    const output = testCase.findings
      .filter((f) => !(testCase.failed && f.severity === 'error'))
      .map((f) => `${place(f)}${f.severity} ${f.rule} ${f.message}`);
    if (testCase.output !== undefined) output.push(testCase.output);
    if (output.length > 0) lines.push(`      <system-out>${escapeXml(output.join('\n'))}</system-out>`);
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
