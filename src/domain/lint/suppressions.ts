/**
 * `-- schemata-ignore <ids>: <reason>` comments (migration-rules.md §4). A comment applies to the first
 * statement that starts after it; `schemata-ignore-file` before the first statement applies to the file.
 * The reason is mandatory, MG000 cannot be suppressed, and suppressed findings are kept with their reason.
 */
import type { ScanToken } from '../sql/parser.ts';
import { lintRule } from './rules.ts';
import type { LintRun } from './run.ts';
import type { LintFinding, SuppressedFinding } from './types.ts';

interface Suppression {
  ids: Set<string>;
  reason: string;
  /** The statement it applies to, or `file`. */
  target: number | 'file';
  at: number;
  used: Set<string>;
}

const COMMENT = /^--\s*schemata-ignore(-file)?(?=[\s:]|$)(.*)$/s;

/** Moves the findings the comments suppress into `suppressed`, adding MG206 for every problem comment. */
export function applySuppressions(
  run: LintRun,
  tokens: readonly ScanToken[],
  starts: readonly number[],
): { findings: LintFinding[]; suppressed: SuppressedFinding[] } {
  const problems: LintFinding[] = [];
  const problem = (statement: number | undefined, at: number, message: string) =>
    problems.push(run.finding(statement, 'MG206', message, at));
  const suppressions = readSuppressions(run, tokens, starts, problem);
  const findings: LintFinding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of run.findings) {
    const by =
      finding.rule === 'MG000' || finding.rule === 'MG206'
        ? undefined
        : suppressions.find(
            (s) => s.ids.has(finding.rule) && (s.target === 'file' || s.target === finding.statement),
          );
    if (by === undefined) {
      findings.push(finding);
    } else {
      by.used.add(finding.rule);
      suppressed.push({ ...finding, reason: by.reason });
    }
  }
  for (const s of suppressions) {
    for (const id of s.ids) {
      if (!s.used.has(id)) {
        const where = s.target === 'file' ? 'in this migration' : 'on the statement after it';
        problem(
          s.target === 'file' ? undefined : s.target,
          s.at,
          `The comment suppresses ${id}, but ${id} reports nothing ${where}.`,
        );
      }
    }
  }
  return { findings: [...findings, ...problems], suppressed };
}

type Problem = (statement: number | undefined, at: number, message: string) => void;

function readSuppressions(
  run: LintRun,
  tokens: readonly ScanToken[],
  starts: readonly number[],
  problem: Problem,
): Suppression[] {
  const out: Suppression[] = [];
  for (const token of tokens) {
    if (token.tokenName !== 'SQL_COMMENT') continue;
    const match = COMMENT.exec(run.source.slice(token.start, token.end));
    if (match === null) continue;
    const fileWide = match[1] !== undefined;
    const body = match[2] ?? '';
    const target = starts.findIndex((start) => start >= token.end);
    const statement = target < 0 ? undefined : target;
    const colon = body.indexOf(':');
    const ids = (colon < 0 ? body : body.slice(0, colon)).split(/[\s,]+/).filter((id) => id !== '');
    const reason = colon < 0 ? '' : body.slice(colon + 1).trim();
    if (reason.length < run.settings.minReasonLength) {
      const need =
        run.settings.minReasonLength > 1 ? ` of at least ${run.settings.minReasonLength} characters` : '';
      problem(
        statement,
        token.start,
        `The schemata-ignore comment gives no reason${need} after a colon, so it suppresses nothing.`,
      );
      continue;
    }
    if (fileWide && (starts[0] ?? Infinity) < token.end) {
      problem(
        statement,
        token.start,
        'schemata-ignore-file must come before the first statement, so it suppresses nothing.',
      );
      continue;
    }
    if (!fileWide && statement === undefined) {
      problem(undefined, token.start, 'The schemata-ignore comment has no statement after it.');
      continue;
    }
    const known = new Set<string>();
    for (const id of ids) {
      if (id === 'MG000') problem(statement, token.start, 'MG000 (parse error) cannot be suppressed.');
      else if (lintRule(id) === undefined)
        problem(statement, token.start, `The schemata-ignore comment names ${id}, which is not a lint rule.`);
      else known.add(id);
    }
    if (ids.length === 0) problem(statement, token.start, 'The schemata-ignore comment names no rule.');
    out.push({
      ids: known,
      reason,
      target: fileWide ? 'file' : (statement ?? 0),
      at: token.start,
      used: new Set(),
    });
  }
  return out;
}
