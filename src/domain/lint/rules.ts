/**
 * Migration lint rules (migration-rules.md §3) as data: the CLI lists them, findings copy their severity
 * and hint, and the squawk cross-check reads `squawk` (the equivalent squawk rule names).
 */
import type { LintSeverity } from './types.ts';

export interface LintRule {
  id: string;
  name: string;
  severity: LintSeverity;
  /** The safe alternative. */
  hint: string;
  /** squawk rules that detect the same thing (empty when squawk has none). */
  squawk: readonly string[];
}

export const LINT_RULES = [
  { id: 'MG000', name: 'parse-error', severity: 'error', hint: 'fix the SQL', squawk: [] },
  {
    id: 'MG001',
    name: 'drop-table',
    severity: 'error',
    hint: 'deprecate the table, then drop it in a separate contract migration',
    squawk: ['ban-drop-table'],
  },
  {
    id: 'MG002',
    name: 'drop-column',
    severity: 'error',
    hint: 'stop reads and writes of the column, then drop it in a later migration',
    squawk: ['ban-drop-column'],
  },
  {
    id: 'MG003',
    name: 'drop-schema-or-database',
    severity: 'error',
    hint: 'do it by hand, outside migrations',
    squawk: ['ban-drop-database'],
  },
  {
    id: 'MG004',
    name: 'rename',
    severity: 'error',
    hint: 'expand/contract (add, backfill, switch, drop), or keep the old name behind a view',
    squawk: ['renaming-column', 'renaming-table'],
  },
  {
    id: 'MG005',
    name: 'add-required-column',
    severity: 'error',
    hint: 'add it nullable, backfill, add CHECK (c IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL',
    squawk: ['adding-required-field'],
  },
  {
    id: 'MG101',
    name: 'index-not-concurrent',
    severity: 'error',
    hint: 'CREATE INDEX CONCURRENTLY in a non-transactional migration',
    squawk: ['require-concurrent-index-creation'],
  },
  {
    id: 'MG102',
    name: 'drop-index-not-concurrent',
    severity: 'warn',
    hint: 'DROP INDEX CONCURRENTLY in a non-transactional migration',
    squawk: ['require-concurrent-index-deletion'],
  },
  {
    id: 'MG103',
    name: 'column-type-change',
    severity: 'error',
    hint: 'add a new column, backfill it, then swap readers and writers over',
    squawk: ['changing-column-type'],
  },
  {
    id: 'MG104',
    name: 'volatile-default',
    severity: 'error',
    hint: 'add the column without a default, SET DEFAULT, then backfill in batches',
    squawk: ['adding-field-with-default'],
  },
  {
    id: 'MG105',
    name: 'set-not-null',
    severity: 'warn',
    hint: 'add CHECK (c IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL (PostgreSQL 12+ skips the scan)',
    squawk: ['adding-not-nullable-field'],
  },
  {
    id: 'MG106',
    name: 'constraint-missing-not-valid',
    severity: 'error',
    hint: 'add it NOT VALID now and VALIDATE CONSTRAINT in a later migration',
    squawk: ['constraint-missing-not-valid', 'adding-foreign-key-constraint'],
  },
  {
    id: 'MG107',
    name: 'unique-builds-index',
    severity: 'error',
    hint: 'CREATE UNIQUE INDEX CONCURRENTLY, then add the constraint USING INDEX',
    squawk: ['disallowed-unique-constraint', 'adding-serial-primary-key-field'],
  },
  {
    id: 'MG108',
    name: 'validate-in-same-transaction',
    severity: 'warn',
    hint: 'validate the constraint in a separate migration',
    squawk: ['constraint-missing-not-valid'],
  },
  {
    id: 'MG201',
    name: 'concurrent-in-transaction',
    severity: 'error',
    hint: 'mark the migration transactional: false and give each CONCURRENTLY statement its own migration',
    squawk: ['ban-concurrent-index-creation-in-transaction'],
  },
  {
    id: 'MG202',
    name: 'transaction-balance',
    severity: 'error',
    hint: 'let the runner own the transaction',
    squawk: ['ban-uncommitted-transaction', 'transaction-nesting'],
  },
  {
    id: 'MG203',
    name: 'missing-lock-timeout',
    severity: 'warn',
    hint: "SET lock_timeout = '1s' first, and retry on timeout",
    squawk: ['require-lock-timeout'],
  },
  {
    id: 'MG204',
    name: 'missing-statement-timeout',
    severity: 'info',
    hint: 'SET statement_timeout first (longer for concurrent index builds)',
    squawk: ['require-statement-timeout'],
  },
  {
    id: 'MG205',
    name: 'non-robust-statement',
    severity: 'info',
    hint: 'use IF [NOT] EXISTS so the migration can be re-run after a partial failure',
    squawk: ['prefer-robust-stmts'],
  },
  {
    id: 'MG206',
    name: 'suppression-problem',
    severity: 'warn',
    hint: 'fix the schemata-ignore comment (known ids, a reason, something to suppress) or delete it',
    squawk: ['unused-ignore'],
  },
  {
    id: 'MG301',
    name: 'drop-not-null',
    severity: 'warn',
    hint: 'confirm every reader handles NULL',
    squawk: ['ban-drop-not-null'],
  },
  {
    id: 'MG302',
    name: 'truncate-cascade',
    severity: 'error',
    hint: 'truncate the tables you mean by name',
    squawk: ['ban-truncate-cascade'],
  },
  {
    id: 'MG303',
    name: 'unbatched-backfill',
    severity: 'warn',
    hint: 'move the data change to a separate, batched data migration',
    squawk: [],
  },
  {
    id: 'MG304',
    name: 'enum-add-value-unordered',
    severity: 'info',
    hint: 'state the position with BEFORE or AFTER',
    squawk: ['require-enum-value-ordering'],
  },
  {
    id: 'MG401',
    name: 'prefer-types',
    severity: 'info',
    hint: 'bigint over integer/smallint, timestamptz over timestamp, text + CHECK over varchar(n)/char(n), identity over serial, jsonb over json',
    squawk: [
      'prefer-bigint-over-int',
      'prefer-bigint-over-smallint',
      'prefer-timestamp-tz',
      'prefer-text-field',
      'ban-char-field',
      'prefer-identity',
    ],
  },
  {
    id: 'MG402',
    name: 'identifier-too-long',
    severity: 'warn',
    hint: 'shorten it to 63 bytes or fewer (PostgreSQL truncates silently)',
    squawk: ['identifier-too-long'],
  },
  {
    id: 'MG403',
    name: 'naming',
    severity: 'info',
    hint: 'rename it to match the naming convention',
    squawk: [],
  },
] as const satisfies readonly LintRule[];

export type LintRuleId = (typeof LINT_RULES)[number]['id'];

/** Stored with every report, so a catalog knows which rule set judged a migration. */
export const LINT_RULE_SET_VERSION = '1';

const BY_ID = new Map<string, LintRule>(LINT_RULES.map((r) => [r.id, r]));

export function lintRule(id: string): LintRule | undefined {
  return BY_ID.get(id);
}
