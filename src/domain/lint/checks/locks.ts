/** Session-level rules: lock and statement timeouts (MG203, MG204), re-runnability (MG205), CONCURRENTLY in a transaction (MG201). */
import type { LintRun } from '../run.ts';

/** The statement takes ACCESS EXCLUSIVE on an existing table. */
export function accessExclusive(run: LintRun, table: string): void {
  if (!run.lockTimeout) {
    run.report(
      'MG203',
      `This statement waits for an ACCESS EXCLUSIVE lock on ${table} with no lock_timeout set, queueing every query behind it.`,
    );
  }
  slowStatement(run);
}

/** The statement may run long on an existing table: MG204 once per migration when no statement_timeout is set. */
export function slowStatement(run: LintRun): void {
  if (run.statementTimeout || run.statementTimeoutReported) return;
  run.statementTimeoutReported = true;
  run.report(
    'MG204',
    'The migration runs statements that may take long on existing tables without a statement_timeout.',
  );
}

/** MG205: in a migration without a transaction, a statement that fails the second time it runs. */
export function nonRobust(run: LintRun, what: string): void {
  if (run.inTransaction()) return;
  run.report('MG205', `${what}: after a partial failure the migration cannot simply be run again.`);
}

export function concurrentInTransaction(run: LintRun, what: string): void {
  if (!run.inTransaction()) return;
  const where =
    run.openTransaction === undefined ? 'a transactional migration' : 'an explicit transaction block';
  run.report('MG201', `${what} cannot run inside ${where}: PostgreSQL refuses it.`);
}
