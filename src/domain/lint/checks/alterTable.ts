/**
 * ALTER TABLE (migration-rules.md §3): column and constraint changes. Rules about locks, scans and
 * rewrites apply to existing tables only; a table this migration created is empty and unseen.
 */
import type { AlterTableCmd, AlterTableStmt, ColumnDef, Constraint, PartitionCmd } from '@pgsql/types';
import { as, relationKey, stringsOf } from '../../sql/ast.ts';
import { canonicalType, serialBase } from '../../sql/types.ts';
import { isWidening } from '../../compatibility/table/widening.ts';
import { tableName, type LintRun } from '../run.ts';
import { checkColumnType, checkName } from './names.ts';
import { notNullCheckColumn, volatileCall } from './expressions.ts';
import { accessExclusive, concurrentInTransaction, nonRobust, slowStatement } from './locks.ts';

/** Subcommands that take less than ACCESS EXCLUSIVE (PostgreSQL's ALTER TABLE lock levels). */
const LIGHTER_LOCKS = new Set([
  'AT_ValidateConstraint',
  'AT_SetStatistics',
  'AT_ClusterOn',
  'AT_DropCluster',
  'AT_AttachPartition',
  'AT_EnableTrig',
  'AT_DisableTrig',
  'AT_EnableTrigAll',
  'AT_DisableTrigAll',
  'AT_EnableTrigUser',
  'AT_DisableTrigUser',
]);

export function checkAlterTable(stmt: AlterTableStmt, run: LintRun): void {
  if (stmt.objtype !== undefined && stmt.objtype !== 'OBJECT_TABLE') return;
  const existing = run.existing(stmt.relation);
  const table = tableName(stmt.relation);
  const key = relationKey(stmt.relation);
  let exclusive = false;
  for (const node of stmt.cmds ?? []) {
    const cmd = as<AlterTableCmd>(node, 'AlterTableCmd');
    if (cmd === undefined) continue;
    if (takesAccessExclusive(cmd)) exclusive = true;
    const column = cmd.name ?? '';
    switch (cmd.subtype) {
      case 'AT_AddColumn':
        addColumn(cmd, as<ColumnDef>(cmd.def, 'ColumnDef'), table, existing, run);
        break;
      case 'AT_DropColumn':
        run.report(
          'MG002',
          `Dropping column ${table}.${column} breaks every reader and writer that still uses it.`,
        );
        if (cmd.missing_ok !== true) nonRobust(run, `DROP COLUMN ${column} has no IF EXISTS`);
        break;
      case 'AT_AlterColumnType': {
        const typeName = as<ColumnDef>(cmd.def, 'ColumnDef')?.typeName;
        if (typeName !== undefined) checkColumnType(run, typeName, `${table}.${column}`);
        if (existing) alterType(cmd, table, key, run);
        break;
      }
      case 'AT_SetNotNull':
        if (
          existing &&
          !(run.validatedNotNull.has(`${key}.${column}`) && run.settings.postgresVersion >= 12)
        ) {
          run.report(
            'MG105',
            `SET NOT NULL on ${table}.${column} scans the whole table under an ACCESS EXCLUSIVE lock.`,
          );
        }
        break;
      case 'AT_DropNotNull':
        run.report(
          'MG301',
          `DROP NOT NULL on ${table}.${column} lets NULL reach readers that may not expect it.`,
        );
        break;
      case 'AT_AddConstraint': {
        const constraint = as<Constraint>(cmd.def, 'Constraint');
        if (constraint !== undefined) addConstraint(constraint, table, key, existing, run);
        break;
      }
      case 'AT_ValidateConstraint':
        validate(column, key, run);
        if (existing) slowStatement(run);
        break;
      case 'AT_DropConstraint':
        if (cmd.missing_ok !== true) nonRobust(run, `DROP CONSTRAINT ${column} has no IF EXISTS`);
        break;
      case 'AT_DetachPartition':
        if (as<PartitionCmd>(cmd.def, 'PartitionCmd')?.concurrent === true)
          concurrentInTransaction(run, 'DETACH PARTITION CONCURRENTLY');
        break;
    }
  }
  if (existing) run.altered.add(key);
  if (existing && exclusive) accessExclusive(run, table);
}

function takesAccessExclusive(cmd: AlterTableCmd): boolean {
  if (LIGHTER_LOCKS.has(cmd.subtype ?? '')) return false;
  if (cmd.subtype === 'AT_DetachPartition')
    return as<PartitionCmd>(cmd.def, 'PartitionCmd')?.concurrent !== true;
  // ADD FOREIGN KEY takes SHARE ROW EXCLUSIVE.
  if (cmd.subtype === 'AT_AddConstraint')
    return as<Constraint>(cmd.def, 'Constraint')?.contype !== 'CONSTR_FOREIGN';
  return true;
}

function addColumn(
  cmd: AlterTableCmd,
  def: ColumnDef | undefined,
  table: string,
  existing: boolean,
  run: LintRun,
): void {
  if (def === undefined) return;
  const name = def.colname ?? '';
  checkName(run, 'column', name);
  if (def.typeName !== undefined) checkColumnType(run, def.typeName, `${table}.${name}`);
  if (cmd.missing_ok !== true) nonRobust(run, `ADD COLUMN ${name} has no IF NOT EXISTS`);
  const constraints = (def.constraints ?? []).flatMap((n) => as<Constraint>(n, 'Constraint') ?? []);
  for (const c of constraints) if (c.conname !== undefined) checkName(run, 'constraint', c.conname);
  if (!existing) return;
  const kind = (type: string) => constraints.find((c) => c.contype === type);
  const serial = def.typeName !== undefined && serialBase(def.typeName) !== undefined;
  const defaultExpr = kind('CONSTR_DEFAULT')?.raw_expr;
  const filled = defaultExpr !== undefined || serial || kind('CONSTR_IDENTITY') || kind('CONSTR_GENERATED');
  if ((kind('CONSTR_NOTNULL') || kind('CONSTR_PRIMARY')) && !filled) {
    run.report(
      'MG005',
      `Adding NOT NULL column ${table}.${name} without a default fails on a table that has rows, and breaks writers that omit it.`,
    );
  }
  const volatile = defaultExpr === undefined ? undefined : volatileCall(defaultExpr);
  if (defaultExpr !== undefined && (volatile !== undefined || run.settings.postgresVersion < 11)) {
    const why =
      volatile === undefined ? `before PostgreSQL 11 any default` : `the volatile default ${volatile}()`;
    run.report(
      'MG104',
      `Adding ${table}.${name} with ${why} rewrites the table under an ACCESS EXCLUSIVE lock.`,
    );
  } else if (serial || kind('CONSTR_IDENTITY')) {
    run.report(
      'MG104',
      `Adding ${table}.${name} as a serial or identity column fills every row from a sequence, rewriting the table.`,
    );
  } else if (kind('CONSTR_GENERATED')?.generated_kind === 's') {
    run.report(
      'MG104',
      `Adding the stored generated column ${table}.${name} rewrites the table under an ACCESS EXCLUSIVE lock.`,
    );
  }
  if (kind('CONSTR_FOREIGN')) {
    run.report(
      'MG106',
      `The inline REFERENCES on ${table}.${name} validates every row while it locks both tables; add the key NOT VALID separately.`,
    );
  }
  const key = kind('CONSTR_PRIMARY') ?? kind('CONSTR_UNIQUE');
  if (key !== undefined) {
    run.report(
      'MG107',
      `The inline ${key.contype === 'CONSTR_PRIMARY' ? 'PRIMARY KEY' : 'UNIQUE'} on ${table}.${name} builds its index under an ACCESS EXCLUSIVE lock.`,
    );
  }
}

function alterType(cmd: AlterTableCmd, table: string, key: string, run: LintRun): void {
  const def = as<ColumnDef>(cmd.def, 'ColumnDef');
  const column = cmd.name ?? '';
  if (def?.typeName === undefined) return;
  const to = canonicalType(def.typeName);
  const from = run.knownColumnType(key, column);
  // Without USING, a change PostgreSQL makes without a rewrite (§2's list, integer widening excluded).
  const inPlace =
    def.raw_default === undefined &&
    from !== undefined &&
    isWidening(from, to) &&
    !rewritesOnWidening(from, to);
  if (!inPlace) {
    const change = from === undefined ? `to ${to}` : `from ${from} to ${to}`;
    run.report(
      'MG103',
      `Changing the type of ${table}.${column} ${change} rewrites the table under an ACCESS EXCLUSIVE lock.`,
    );
  }
}

/** Widening changes that still rewrite: integer widths, and timestamp → timestamptz unless the session is UTC. */
function rewritesOnWidening(from: string, to: string): boolean {
  return (
    ['smallint', 'integer'].includes(from) ||
    (from.startsWith('timestamp') && from.endsWith('without time zone') && to.endsWith('with time zone'))
  );
}

function addConstraint(c: Constraint, table: string, key: string, existing: boolean, run: LintRun): void {
  if (c.conname !== undefined) checkName(run, 'constraint', c.conname);
  const name = c.conname ?? '(unnamed)';
  const constraintKey = `${key}.${c.conname ?? ''}`;
  if (c.contype === 'CONSTR_CHECK' || c.contype === 'CONSTR_FOREIGN') {
    const column =
      c.contype === 'CONSTR_CHECK' && c.raw_expr !== undefined ? notNullCheckColumn(c.raw_expr) : undefined;
    if (c.skip_validation === true) {
      run.notValidInTransaction.add(constraintKey);
      if (column !== undefined) run.pendingNotNullChecks.set(constraintKey, column);
    } else {
      if (column !== undefined) run.validatedNotNull.add(`${key}.${column}`);
      if (existing) {
        const what = c.contype === 'CONSTR_CHECK' ? `CHECK ${name}` : `FOREIGN KEY ${name}`;
        run.report(
          'MG106',
          `Adding ${what} to ${table} without NOT VALID checks every row while it holds the lock.`,
        );
      }
    }
  }
  if (
    (c.contype === 'CONSTR_UNIQUE' || c.contype === 'CONSTR_PRIMARY') &&
    c.indexname === undefined &&
    existing
  ) {
    const what = c.contype === 'CONSTR_PRIMARY' ? 'PRIMARY KEY' : `UNIQUE ${name}`;
    const columns = stringsOf(c.keys).join(', ');
    run.report(
      'MG107',
      `Adding ${what} (${columns}) to ${table} builds its index under an ACCESS EXCLUSIVE lock.`,
    );
  }
}

function validate(name: string, key: string, run: LintRun): void {
  const constraintKey = `${key}.${name}`;
  if (run.notValidInTransaction.has(constraintKey)) {
    run.report(
      'MG108',
      `VALIDATE CONSTRAINT ${name} runs in the transaction that added it NOT VALID, so the lock is held through the scan.`,
    );
  }
  const column = run.pendingNotNullChecks.get(constraintKey);
  if (column !== undefined) run.validatedNotNull.add(`${key}.${column}`);
}
