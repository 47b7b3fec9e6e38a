/**
 * `lintSql`: rules MG000–MG403 (migration-rules.md §3) over the libpg-query AST, statement by statement,
 * then the suppression comments (§4). Synchronous once the parser is loaded; findings are sorted by
 * position. Positions come from UTF-8 byte offsets (§8).
 */
import type { Node, RangeVar, RawStmt, VacuumRelation } from '@pgsql/types';
import { as, unwrap } from '../sql/ast.ts';
import {
  parseSql,
  scanSql,
  SqlSource,
  SqlSyntaxError,
  statementRange,
  type ScanToken,
} from '../sql/parser.ts';
import { checkAlterTable } from './checks/alterTable.ts';
import * as ddl from './checks/ddl.ts';
import { checkDml } from './checks/dml.ts';
import { checkCreateIndex, checkReindex, hasOption } from './checks/indexes.ts';
import { checkSet, checkTransaction, checkTransactionClosed } from './checks/session.ts';
import { LINT_RULE_SET_VERSION } from './rules.ts';
import { LintRun, settingsOf } from './run.ts';
import { applySuppressions } from './suppressions.ts';
import type { LintFinding, LintOptions, LintReport } from './types.ts';

/** PostgreSQL truncates longer identifiers silently. */
const MAX_IDENTIFIER_BYTES = 63;

type Check = (fields: never, run: LintRun) => void;

const CHECKS: Record<string, Check> = {
  AlterTableStmt: checkAlterTable,
  CreateStmt: ddl.checkCreateTable,
  CreateTableAsStmt: ddl.checkCreateTableAs,
  CreateSeqStmt: ddl.checkCreateSequence,
  CreateEnumStmt: ddl.checkCreateEnum,
  DropStmt: ddl.checkDrop,
  DropdbStmt: (stmt: { dbname?: string }, run: LintRun) => ddl.checkDropDatabase(stmt.dbname, run),
  RenameStmt: ddl.checkRename,
  TruncateStmt: ddl.checkTruncate,
  AlterEnumStmt: ddl.checkAlterEnum,
  LockStmt: ddl.checkLock,
  VacuumStmt: (stmt: { options?: Node[]; rels?: Node[] }, run: LintRun) => {
    if (!hasOption(stmt.options, 'full')) return;
    const rels = (stmt.rels ?? []).flatMap((n) => as<VacuumRelation>(n, 'VacuumRelation')?.relation ?? []);
    ddl.checkRewrite(rels, run);
  },
  ClusterStmt: (stmt: { relation?: RangeVar }, run: LintRun) =>
    ddl.checkRewrite(stmt.relation ? [stmt.relation] : [], run),
  IndexStmt: checkCreateIndex,
  ReindexStmt: checkReindex,
  TransactionStmt: checkTransaction,
  VariableSetStmt: checkSet,
  UpdateStmt: (stmt: never, run: LintRun) => checkDml('UPDATE', stmt, run),
  DeleteStmt: (stmt: never, run: LintRun) => checkDml('DELETE', stmt, run),
  InsertStmt: (stmt: never, run: LintRun) => checkDml('INSERT', stmt, run),
};

/** Lints one migration. Needs the SQL parser loaded (`loadSqlParser()`, or use `lintSqlAsync`). */
export function lintSql(sql: string, options: LintOptions = {}): LintReport {
  const source = new SqlSource(sql);
  const run = new LintRun(source, settingsOf(options));
  let stmts: RawStmt[];
  try {
    stmts = parseSql(sql);
  } catch (error) {
    if (!(error instanceof SqlSyntaxError)) throw error;
    run.reportAt(undefined, 'MG000', `The SQL does not parse: ${error.message}.`, error.offset);
    return { findings: run.findings, suppressed: [], ruleSetVersion: LINT_RULE_SET_VERSION };
  }
  const ranges = stmts.map((s) => statementRange(s, source.byteLength));
  stmts.forEach((raw, i) => {
    run.statement = i;
    run.statementStart = ranges[i]?.start ?? 0;
    const [type, fields] = unwrap(raw.stmt) ?? ['', {}];
    CHECKS[type]?.(fields as never, run);
    // Outside a transaction every statement commits on its own.
    if (!run.inTransaction()) run.notValidInTransaction.clear();
  });
  const beginAt = run.openTransaction === undefined ? undefined : ranges[run.openTransaction]?.start;
  checkTransactionClosed(run, beginAt);
  const tokens = scanSql(sql);
  const starts = ranges.map((r) => r.start);
  checkIdentifierLengths(tokens, starts, run);
  const { findings, suppressed } = applySuppressions(run, tokens, starts);
  return {
    findings: sorted(findings),
    suppressed: sorted(suppressed),
    ruleSetVersion: LINT_RULE_SET_VERSION,
  };
}

/** MG402 from the lexer: the parse tree already holds truncated names. */
function checkIdentifierLengths(tokens: readonly ScanToken[], starts: readonly number[], run: LintRun): void {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.tokenName !== 'IDENT') continue;
    const text = run.source.slice(token.start, token.end);
    const name = text.startsWith('"') ? text.slice(1, -1).replaceAll('""', '"') : text.toLowerCase();
    if (Buffer.byteLength(name, 'utf8') <= MAX_IDENTIFIER_BYTES) continue;
    const statement = statementAt(starts, token.start);
    if (seen.has(`${statement}:${name}`)) continue;
    seen.add(`${statement}:${name}`);
    const kept = Buffer.from(name, 'utf8').subarray(0, MAX_IDENTIFIER_BYTES).toString('utf8');
    run.reportAt(
      statement,
      'MG402',
      `The identifier ${name} is longer than ${MAX_IDENTIFIER_BYTES} bytes; PostgreSQL silently truncates it to ${kept}.`,
      token.start,
    );
  }
}

function statementAt(starts: readonly number[], offset: number): number | undefined {
  let found: number | undefined;
  starts.forEach((start, i) => {
    if (start <= offset) found = i;
  });
  return found;
}

function sorted<T extends LintFinding>(findings: T[]): T[] {
  return [...findings].sort(
    (a, b) => a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}
