/** Migration lint (migration-rules.md §3–4): rules MG000–MG403 over the real PostgreSQL parser's AST. */
import { loadSqlParser } from '../sql/parser.ts';
import { lintSql } from './lint.ts';
import type { LintOptions, LintReport } from './types.ts';

export { lintSql } from './lint.ts';
export { LINT_RULES, LINT_RULE_SET_VERSION, lintRule, type LintRule, type LintRuleId } from './rules.ts';
export { NEWEST_POSTGRES } from './run.ts';
export type * from './types.ts';

/** `lintSql` after loading the parser (once per process). */
export async function lintSqlAsync(sql: string, options?: LintOptions): Promise<LintReport> {
  await loadSqlParser();
  return lintSql(sql, options);
}
