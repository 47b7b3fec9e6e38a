/** Data changes in a schema migration (MG303): unbatched UPDATE/DELETE, DML on a table it also alters. */
import type { DeleteStmt, InsertStmt, UpdateStmt } from '@pgsql/types';
import { relationKey } from '../../sql/ast.ts';
import { tableName, type LintRun } from '../run.ts';
import { slowStatement } from './locks.ts';

export function checkDml(
  kind: 'UPDATE' | 'DELETE' | 'INSERT',
  stmt: UpdateStmt | DeleteStmt | InsertStmt,
  run: LintRun,
): void {
  if (!run.existing(stmt.relation)) return;
  const table = tableName(stmt.relation);
  const where = 'whereClause' in stmt ? stmt.whereClause : undefined;
  if (kind !== 'INSERT' && where === undefined) {
    run.report(
      'MG303',
      `${kind} of every row of ${table} in one statement holds its row locks until the migration commits.`,
    );
  } else if (run.altered.has(relationKey(stmt.relation))) {
    run.report(
      'MG303',
      `${kind} on ${table}, which this migration also alters, keeps the schema change's lock through the data change.`,
    );
  }
  if (kind !== 'INSERT') slowStatement(run);
}
