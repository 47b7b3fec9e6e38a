/** CREATE, DROP, RENAME, TRUNCATE and other DDL outside ALTER TABLE (migration-rules.md §3). */
import type {
  CreateEnumStmt,
  CreateSeqStmt,
  CreateStmt,
  CreateTableAsStmt,
  ColumnDef,
  Constraint,
  DropStmt,
  LockStmt,
  Node,
  RangeVar,
  RenameStmt,
  TruncateStmt,
  AlterEnumStmt,
} from '@pgsql/types';
import { as, relationKey, stringsOf } from '../../sql/ast.ts';
import { tableName, type LintRun } from '../run.ts';
import { accessExclusive, concurrentInTransaction, nonRobust } from './locks.ts';
import { checkColumnType, checkName } from './names.ts';

export function checkCreateTable(stmt: CreateStmt, run: LintRun): void {
  const table = tableName(stmt.relation);
  run.created.add(relationKey(stmt.relation));
  checkName(run, 'table', stmt.relation?.relname);
  if (stmt.if_not_exists !== true) nonRobust(run, `CREATE TABLE ${table} has no IF NOT EXISTS`);
  for (const element of stmt.tableElts ?? []) {
    const column = as<ColumnDef>(element, 'ColumnDef');
    if (column !== undefined) {
      checkName(run, 'column', column.colname);
      if (column.typeName !== undefined)
        checkColumnType(run, column.typeName, `${table}.${column.colname ?? ''}`);
      for (const c of column.constraints ?? [])
        checkName(run, 'constraint', as<Constraint>(c, 'Constraint')?.conname);
    }
    checkName(run, 'constraint', as<Constraint>(element, 'Constraint')?.conname);
  }
}

export function checkCreateTableAs(stmt: CreateTableAsStmt, run: LintRun): void {
  run.created.add(relationKey(stmt.into?.rel));
  checkName(run, 'table', stmt.into?.rel?.relname);
}

export function checkCreateSequence(stmt: CreateSeqStmt, run: LintRun): void {
  checkName(run, 'sequence', stmt.sequence?.relname);
  if (stmt.if_not_exists !== true)
    nonRobust(run, `CREATE SEQUENCE ${tableName(stmt.sequence)} has no IF NOT EXISTS`);
}

export function checkCreateEnum(stmt: CreateEnumStmt, run: LintRun): void {
  checkName(run, 'type', stringsOf(stmt.typeName).at(-1));
}

const DROP_KINDS: Record<string, string> = {
  OBJECT_TABLE: 'TABLE',
  OBJECT_INDEX: 'INDEX',
  OBJECT_SCHEMA: 'SCHEMA',
  OBJECT_SEQUENCE: 'SEQUENCE',
  OBJECT_TYPE: 'TYPE',
  OBJECT_VIEW: 'VIEW',
  OBJECT_MATVIEW: 'MATERIALIZED VIEW',
};

export function checkDrop(stmt: DropStmt, run: LintRun): void {
  const kind = DROP_KINDS[stmt.removeType ?? ''];
  const names = (stmt.objects ?? []).map(objectName);
  if (kind !== undefined && stmt.missing_ok !== true)
    nonRobust(run, `DROP ${kind} ${names.join(', ')} has no IF EXISTS`);
  if (stmt.removeType === 'OBJECT_TABLE') {
    const relations = names.map(asRelation);
    const existing = relations.filter((r) => run.existing(r));
    if (existing.length > 0) {
      run.report(
        'MG001',
        `Dropping table ${existing.map(tableName).join(', ')} breaks every service that still reads or writes it.`,
      );
      accessExclusive(run, existing.map(tableName).join(', '));
    }
    for (const r of relations) run.created.delete(relationKey(r));
  } else if (stmt.removeType === 'OBJECT_INDEX') {
    if (stmt.concurrent === true) {
      concurrentInTransaction(run, `DROP INDEX CONCURRENTLY ${names.join(', ')}`);
    } else {
      run.report(
        'MG102',
        `DROP INDEX ${names.join(', ')} without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on its table.`,
      );
      if (names.some((n) => !run.createdIndexes.has(n)))
        accessExclusive(run, `the table of ${names.join(', ')}`);
    }
  } else if (stmt.removeType === 'OBJECT_SCHEMA') {
    run.report(
      'MG003',
      `Dropping schema ${names.join(', ')} destroys everything in it; do it by hand, outside migrations.`,
    );
  }
}

export function checkDropDatabase(name: string | undefined, run: LintRun): void {
  run.report('MG003', `Dropping database ${name ?? ''} does not belong in a migration.`);
}

export function checkRename(stmt: RenameStmt, run: LintRun): void {
  const table = tableName(stmt.relation);
  if (stmt.renameType === 'OBJECT_COLUMN') {
    run.report(
      'MG004',
      `Renaming column ${table}.${stmt.subname ?? ''} to ${stmt.newname ?? ''} breaks code that uses the old name.`,
    );
    checkName(run, 'column', stmt.newname);
  } else if (stmt.renameType === 'OBJECT_TABLE') {
    run.report(
      'MG004',
      `Renaming table ${table} to ${stmt.newname ?? ''} breaks code that uses the old name.`,
    );
    checkName(run, 'table', stmt.newname);
    const key = relationKey(stmt.relation);
    if (run.created.delete(key))
      run.created.add(relationKey({ ...stmt.relation, relname: stmt.newname ?? '' }));
  } else {
    return;
  }
  if (run.existing(stmt.relation)) accessExclusive(run, table);
}

export function checkTruncate(stmt: TruncateStmt, run: LintRun): void {
  const relations = (stmt.relations ?? []).flatMap((n) => as<RangeVar>(n, 'RangeVar') ?? []);
  const names = relations.map(tableName).join(', ');
  if (stmt.behavior === 'DROP_CASCADE') {
    run.report('MG302', `TRUNCATE ${names} CASCADE also empties every table that references them.`);
  }
  const existing = relations.filter((r) => run.existing(r));
  if (existing.length > 0) accessExclusive(run, existing.map(tableName).join(', '));
}

export function checkAlterEnum(stmt: AlterEnumStmt, run: LintRun): void {
  if (stmt.newVal === undefined || stmt.oldVal !== undefined || stmt.newValNeighbor !== undefined) return;
  const type = stringsOf(stmt.typeName).join('.');
  run.report('MG304', `ALTER TYPE ${type} ADD VALUE '${stmt.newVal}' does not say where the value goes.`);
}

/** LOCK TABLE in ACCESS EXCLUSIVE mode (the default, mode 8). */
export function checkLock(stmt: LockStmt, run: LintRun): void {
  if ((stmt.mode ?? 8) !== 8) return;
  const existing = (stmt.relations ?? [])
    .flatMap((n) => as<RangeVar>(n, 'RangeVar') ?? [])
    .filter((r) => run.existing(r));
  if (existing.length > 0) accessExclusive(run, existing.map(tableName).join(', '));
}

/** VACUUM FULL and CLUSTER rewrite the table under ACCESS EXCLUSIVE. */
export function checkRewrite(relations: readonly RangeVar[], run: LintRun): void {
  const existing = relations.filter((r) => run.existing(r));
  if (existing.length > 0) accessExclusive(run, existing.map(tableName).join(', '));
}

/** A dropped object's qualified name: a `List` of `String`s, or a bare `String` for schemas. */
function objectName(node: Node): string {
  const list = as<{ items?: Node[] }>(node, 'List');
  if (list !== undefined) return stringsOf(list.items).join('.');
  return stringsOf([node]).join('.');
}

function asRelation(name: string): RangeVar {
  const parts = name.split('.');
  const relname = parts.at(-1) ?? '';
  return parts.length > 1 ? { schemaname: parts.at(-2) ?? '', relname } : { relname };
}
