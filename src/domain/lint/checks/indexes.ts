/** CREATE INDEX and REINDEX (migration-rules.md §3: MG101, MG201, MG205). */
import type { DefElem, IndexStmt, Node, ReindexStmt } from '@pgsql/types';
import { as } from '../../sql/ast.ts';
import { tableName, type LintRun } from '../run.ts';
import { concurrentInTransaction, nonRobust, slowStatement } from './locks.ts';
import { checkName } from './names.ts';

export function checkCreateIndex(stmt: IndexStmt, run: LintRun): void {
  const table = tableName(stmt.relation);
  const name = stmt.idxname ?? `(unnamed) on ${table}`;
  checkName(run, 'index', stmt.idxname);
  if (stmt.idxname !== undefined) run.createdIndexes.add(stmt.idxname);
  if (stmt.concurrent === true) {
    concurrentInTransaction(run, `CREATE INDEX CONCURRENTLY ${name}`);
  } else if (run.existing(stmt.relation)) {
    run.report(
      'MG101',
      `CREATE INDEX ${name} without CONCURRENTLY blocks writes to ${table} until the index is built.`,
    );
  }
  if (stmt.if_not_exists !== true) nonRobust(run, `CREATE INDEX ${name} has no IF NOT EXISTS`);
  if (run.existing(stmt.relation)) slowStatement(run);
}

export function checkReindex(stmt: ReindexStmt, run: LintRun): void {
  if (hasOption(stmt.params, 'concurrently')) {
    concurrentInTransaction(run, `REINDEX CONCURRENTLY ${stmt.relation?.relname ?? stmt.name ?? ''}`);
  }
}

/** A `DefElem` option (`concurrently`, `full`) that is present and not set to false. */
export function hasOption(options: readonly Node[] | undefined, name: string): boolean {
  return (options ?? []).some((node) => {
    const option = as<DefElem>(node, 'DefElem');
    if (option?.defname !== name) return false;
    const value = as<{ boolval?: { boolval?: boolean } }>(option.arg, 'A_Const');
    return value?.boolval === undefined || value.boolval.boolval === true;
  });
}
