/** Statements where the migration lint and squawk disagree on the corpus, each with the reason. */
export interface Disagreement {
  file: string;
  /** Line the statement starts on. */
  line: number;
  /** The MG rule only Schemata reports (`by: 'schemata'`), or the squawk rule only squawk reports. */
  rule: string;
  by: 'schemata' | 'squawk';
  reason: string;
}

/** Why the tools differ, shared by statements that differ for the same reason. */
const REASONS = {
  created:
    'the table is created earlier in this migration, so it is not an existing table (\u00a73) and has no rows to scan or lock out; squawk does not exempt it for this rule',
  referenced:
    'the only locked table, customers, is created earlier in this migration (\u00a73: not existing); squawk asks for timeouts on any CREATE TABLE that references another table',
  'notx-created':
    'shipments is created earlier in this migration (\u00a73: not an existing table); squawk exempts only tables created in the same transaction, and this migration runs without one',
  json: 'MG401 also prefers jsonb over json; squawk has no rule about json columns',
  serial:
    'adding a bigserial column fills every existing row from its sequence (a volatile nextval default), which rewrites the table; squawk only suggests an identity column',
  'unique-not-valid':
    'PostgreSQL has no NOT VALID for UNIQUE and PRIMARY KEY constraints, so MG106 does not ask for it; MG107 reports these statements (the index build under ACCESS EXCLUSIVE)',
  schema:
    "\u00a73 puts DROP SCHEMA under MG003 with DROP DATABASE; squawk's ban-drop-database covers DROP DATABASE only",
  'stmt-zero':
    "SET statement_timeout = '0' switches the timeout off, so the migration still has none; squawk counts any SET statement_timeout",
  block:
    'inside an explicit BEGIN \u2026 COMMIT block a failure rolls the whole block back, so a re-run starts clean; MG205 asks for IF [NOT] EXISTS on autocommitted statements only',
  'no-if-exists':
    'ADD CONSTRAINT and VALIDATE CONSTRAINT have no IF [NOT] EXISTS form (and VALIDATE is safe to repeat); MG205 asks only where PostgreSQL offers one',
  wrapped:
    "the migration is transactional, so the runner's transaction covers every statement (MG202 already reports the explicit BEGIN/COMMIT); squawk takes the explicit COMMIT as the end of the transaction and judges the statements after it as autocommitted",
  'wrapped-robust':
    'the migration is transactional, so MG205 (which only applies outside a transaction) does not ask for IF NOT EXISTS; squawk judges CONCURRENTLY statements as if they ran outside the transaction (MG201 reports that they cannot)',
  'lock-kinds':
    "LOCK TABLE \u2026 IN ACCESS EXCLUSIVE MODE, VACUUM FULL and CLUSTER take ACCESS EXCLUSIVE on an existing table; squawk's require-lock-timeout looks at schema changes only",
  'lock-zero':
    'SET lock_timeout = 0 and RESET lock_timeout switch the timeout off, so the statement waits without one; squawk counts any earlier SET lock_timeout',
};

export const DISAGREEMENTS: Disagreement[] = [
  {
    file: '01-create-tables.sql',
    line: 13,
    rule: 'changing-column-type',
    by: 'squawk',
    reason: REASONS.created,
  },
  {
    file: '01-create-tables.sql',
    line: 14,
    rule: 'adding-not-nullable-field',
    by: 'squawk',
    reason: REASONS.created,
  },
  {
    file: '01-create-tables.sql',
    line: 2,
    rule: 'require-lock-timeout',
    by: 'squawk',
    reason: REASONS.referenced,
  },
  {
    file: '01-create-tables.sql',
    line: 2,
    rule: 'require-statement-timeout',
    by: 'squawk',
    reason: REASONS.referenced,
  },
  {
    file: '01-create-tables.sql',
    line: 9,
    rule: 'adding-required-field',
    by: 'squawk',
    reason: REASONS.created,
  },
  { file: '02-add-columns.sql', line: 15, rule: 'MG401', by: 'schemata', reason: REASONS.json },
  { file: '02-add-columns.sql', line: 17, rule: 'MG104', by: 'schemata', reason: REASONS.serial },
  {
    file: '03-constraints.sql',
    line: 7,
    rule: 'constraint-missing-not-valid',
    by: 'squawk',
    reason: REASONS['unique-not-valid'],
  },
  {
    file: '03-constraints.sql',
    line: 9,
    rule: 'constraint-missing-not-valid',
    by: 'squawk',
    reason: REASONS['unique-not-valid'],
  },
  { file: '05-drops-and-renames.sql', line: 10, rule: 'MG003', by: 'schemata', reason: REASONS.schema },
  {
    file: '06-indexes.notx.sql',
    line: 14,
    rule: 'require-concurrent-index-creation',
    by: 'squawk',
    reason: REASONS['notx-created'],
  },
  { file: '06-indexes.notx.sql', line: 4, rule: 'MG204', by: 'schemata', reason: REASONS['stmt-zero'] },
  {
    file: '07-transactions.notx.sql',
    line: 11,
    rule: 'prefer-robust-stmts',
    by: 'squawk',
    reason: REASONS['no-if-exists'],
  },
  {
    file: '07-transactions.notx.sql',
    line: 12,
    rule: 'prefer-robust-stmts',
    by: 'squawk',
    reason: REASONS['no-if-exists'],
  },
  {
    file: '07-transactions.notx.sql',
    line: 5,
    rule: 'prefer-robust-stmts',
    by: 'squawk',
    reason: REASONS.block,
  },
  {
    file: '08-transactional-wrapped.sql',
    line: 3,
    rule: 'prefer-robust-stmts',
    by: 'squawk',
    reason: REASONS['wrapped-robust'],
  },
  { file: '08-transactional-wrapped.sql', line: 5, rule: 'MG203', by: 'schemata', reason: REASONS.wrapped },
  {
    file: '08-transactional-wrapped.sql',
    line: 5,
    rule: 'prefer-robust-stmts',
    by: 'squawk',
    reason: REASONS.wrapped,
  },
  { file: '08-transactional-wrapped.sql', line: 6, rule: 'MG108', by: 'schemata', reason: REASONS.wrapped },
  {
    file: '08-transactional-wrapped.sql',
    line: 6,
    rule: 'prefer-robust-stmts',
    by: 'squawk',
    reason: REASONS.wrapped,
  },
  { file: '08-transactional-wrapped.sql', line: 7, rule: 'MG201', by: 'schemata', reason: REASONS.wrapped },
  {
    file: '08-transactional-wrapped.sql',
    line: 7,
    rule: 'prefer-robust-stmts',
    by: 'squawk',
    reason: REASONS.wrapped,
  },
  { file: '09-timeouts.sql', line: 10, rule: 'adding-required-field', by: 'squawk', reason: REASONS.created },
  { file: '09-timeouts.sql', line: 11, rule: 'MG203', by: 'schemata', reason: REASONS['lock-kinds'] },
  { file: '09-timeouts.sql', line: 13, rule: 'MG203', by: 'schemata', reason: REASONS['lock-kinds'] },
  { file: '09-timeouts.sql', line: 14, rule: 'MG203', by: 'schemata', reason: REASONS['lock-kinds'] },
  { file: '09-timeouts.sql', line: 5, rule: 'MG203', by: 'schemata', reason: REASONS['lock-zero'] },
  { file: '09-timeouts.sql', line: 8, rule: 'MG203', by: 'schemata', reason: REASONS['lock-zero'] },
  {
    file: '11-identifiers.sql',
    line: 5,
    rule: 'require-lock-timeout',
    by: 'squawk',
    reason: REASONS.created,
  },
  {
    file: '11-identifiers.sql',
    line: 5,
    rule: 'require-statement-timeout',
    by: 'squawk',
    reason: REASONS.created,
  },
  {
    file: '11-identifiers.sql',
    line: 6,
    rule: 'prefer-robust-stmts',
    by: 'squawk',
    reason: REASONS['wrapped-robust'],
  },
];
