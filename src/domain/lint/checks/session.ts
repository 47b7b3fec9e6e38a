/** Transactions and session settings: MG202 and the timeouts MG203/MG204 look for. */
import type { A_Const, TransactionStmt, VariableSetStmt } from '@pgsql/types';
import { as } from '../../sql/ast.ts';
import type { LintRun } from '../run.ts';

export function checkTransaction(stmt: TransactionStmt, run: LintRun): void {
  const begins = stmt.kind === 'TRANS_STMT_BEGIN' || stmt.kind === 'TRANS_STMT_START';
  const ends = stmt.kind === 'TRANS_STMT_COMMIT' || stmt.kind === 'TRANS_STMT_ROLLBACK';
  if (!begins && !ends) return;
  const word = begins ? 'BEGIN' : stmt.kind === 'TRANS_STMT_COMMIT' ? 'COMMIT' : 'ROLLBACK';
  if (run.settings.transactional) {
    run.report(
      'MG202',
      `${word} in a transactional migration: the runner already wraps it in a transaction.`,
    );
  } else if (begins && run.openTransaction !== undefined) {
    run.report('MG202', 'BEGIN inside an open transaction block: PostgreSQL does not nest transactions.');
  } else if (begins) {
    run.openTransaction = run.statement;
  } else if (run.openTransaction === undefined) {
    run.report('MG202', `${word} without a BEGIN before it.`);
  } else {
    run.openTransaction = undefined;
    run.notValidInTransaction.clear();
  }
}

/** At the end of the migration: a BEGIN never committed. */
export function checkTransactionClosed(run: LintRun, beginAt: number | undefined): void {
  if (run.openTransaction === undefined || beginAt === undefined) return;
  run.reportAt(
    run.openTransaction,
    'MG202',
    'BEGIN without a COMMIT: the migration ends inside a transaction.',
    beginAt,
  );
}

export function checkSet(stmt: VariableSetStmt, run: LintRun): void {
  const value = setValue(stmt);
  const names = stmt.kind === 'VAR_RESET_ALL' ? ['lock_timeout', 'statement_timeout'] : [stmt.name ?? ''];
  for (const name of names) {
    if (name === 'lock_timeout') run.lockTimeout = value;
    if (name === 'statement_timeout') run.statementTimeout = value;
  }
}

/** Whether the statement leaves a timeout in force: RESET, DEFAULT and 0 switch it off. */
function setValue(stmt: VariableSetStmt): boolean {
  if (stmt.kind !== 'VAR_SET_VALUE') return false;
  const constant = as<A_Const>(stmt.args?.[0], 'A_Const');
  if (constant === undefined) return true;
  if (constant.ival !== undefined) return (constant.ival.ival ?? 0) !== 0;
  const text = constant.sval?.sval ?? '';
  return !/^\s*0+(\.0*)?\s*[a-z]*\s*$/i.test(text);
}
