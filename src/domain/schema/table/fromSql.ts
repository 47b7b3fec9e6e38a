/**
 * One `CREATE TABLE` statement read into the TABLE model (migration-rules.md §1). `serial` columns become
 * their integer type, NOT NULL, with the `nextval(…)` default PostgreSQL gives them; constraint names
 * PostgreSQL would choose are filled in, so the model reads like the table the statement creates.
 */
import type { ColumnDef, Constraint, CreateStmt, Node, RawStmt } from '@pgsql/types';
import { DomainError } from '../../errors.ts';
import { as, stringsOf, unwrap } from '../../sql/ast.ts';
import { expressionText } from '../../sql/expressions.ts';
import { parseSql, SqlSource, SqlSyntaxError } from '../../sql/parser.ts';
import { canonicalType, quoteIdentifier, serialBase } from '../../sql/types.ts';
import type { ForeignKeyAction, TableColumn, TableModel } from './model.ts';

const ACTIONS: Record<string, ForeignKeyAction> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

/** Reads `text`, which must be exactly one CREATE TABLE statement. Needs the SQL parser loaded. */
export function tableModelFromSql(text: string): TableModel {
  const source = new SqlSource(text);
  const fail = (location: number | undefined, problem: string): DomainError => {
    const { line, column } = source.position(location ?? 0);
    return new DomainError(
      'INVALID_SCHEMA',
      `Invalid CREATE TABLE at line ${line}, column ${column}: ${problem}.`,
    );
  };
  let stmts: RawStmt[];
  try {
    stmts = parseSql(text);
  } catch (error) {
    if (!(error instanceof SqlSyntaxError)) throw error;
    throw fail(error.offset, error.message);
  }
  if (stmts.length !== 1)
    throw fail(stmts[1]?.stmt_location, 'a TABLE schema is exactly one CREATE TABLE statement');
  const create = as<CreateStmt>(stmts[0]?.stmt, 'CreateStmt');
  if (create === undefined)
    throw fail(stmts[0]?.stmt_location, 'a TABLE schema is exactly one CREATE TABLE statement');
  if (
    (create.inhRelations ?? []).length > 0 ||
    create.partbound !== undefined ||
    create.ofTypename !== undefined
  ) {
    throw fail(
      create.relation?.location,
      'inherited, partition and typed tables are not part of the TABLE model',
    );
  }
  const reader = new TableReader(create.relation?.relname ?? '', create.relation?.schemaname, fail);
  for (const element of create.tableElts ?? []) reader.element(element);
  return reader.model();
}

class TableReader {
  private readonly columns: TableColumn[] = [];
  private readonly built: Omit<TableModel, 'schema' | 'table' | 'columns'> = {};
  private readonly checkNames = new Set<string>();

  constructor(
    private readonly table: string,
    private readonly schema: string | undefined,
    private readonly fail: (location: number | undefined, problem: string) => DomainError,
  ) {}

  model(): TableModel {
    return {
      schema: this.schema ?? 'public',
      table: this.table,
      columns: this.columns,
      ...this.built,
    };
  }

  element(node: Node): void {
    const column = as<ColumnDef>(node, 'ColumnDef');
    if (column !== undefined) return this.column(column);
    const constraint = as<Constraint>(node, 'Constraint');
    if (constraint !== undefined)
      return this.constraint(constraint, constraint.keys ? stringsOf(constraint.keys) : []);
    throw this.fail(
      locationOf(node),
      `${unwrap(node)?.[0] ?? 'this element'} is not part of the TABLE model`,
    );
  }

  private column(def: ColumnDef): void {
    const name = def.colname ?? '';
    if (def.typeName === undefined) throw this.fail(def.location, `column "${name}" has no type`);
    const column: TableColumn = { name, type: canonicalType(def.typeName), nullable: true };
    if (serialBase(def.typeName) !== undefined) {
      // What PostgreSQL does with serial: an owned sequence named <table>_<column>_seq as the default.
      const sequence = [this.schema, `${this.table}_${name}_seq`].filter(
        (p): p is string => p !== undefined && p !== 'public',
      );
      column.default = `nextval('${sequence.map(quoteIdentifier).join('.').replaceAll("'", "''")}'::regclass)`;
      column.nullable = false;
    }
    this.columns.push(column);
    for (const node of def.constraints ?? []) {
      const constraint = as<Constraint>(node, 'Constraint');
      if (constraint !== undefined) this.columnConstraint(column, constraint);
    }
  }

  private columnConstraint(column: TableColumn, c: Constraint): void {
    switch (c.contype) {
      case 'CONSTR_NOTNULL':
        column.nullable = false;
        return;
      case 'CONSTR_NULL':
        column.nullable = true;
        return;
      case 'CONSTR_DEFAULT':
        if (c.raw_expr !== undefined) column.default = expressionText(c.raw_expr);
        return;
      case 'CONSTR_IDENTITY':
        column.identity = c.generated_when === 'a' ? 'always' : 'by default';
        return;
      case 'CONSTR_GENERATED':
        if (c.generated_kind !== 's')
          throw this.fail(c.location, 'only STORED generated columns are part of the TABLE model');
        if (c.raw_expr !== undefined)
          column.generated = { expression: expressionText(c.raw_expr), stored: true };
        return;
      default:
        this.constraint(c, [column.name]);
    }
  }

  /** A key, CHECK or foreign key over `columns` (the column's own for column constraints). */
  private constraint(c: Constraint, columns: string[]): void {
    switch (c.contype) {
      case 'CONSTR_PRIMARY':
        if (this.built.primaryKey)
          throw this.fail(c.location, `multiple primary keys for table "${this.table}"`);
        this.built.primaryKey = { name: c.conname ?? `${this.table}_pkey`, columns };
        return;
      case 'CONSTR_UNIQUE':
        (this.built.uniques ??= []).push({
          name: c.conname ?? `${this.table}_${columns.join('_')}_key`,
          columns,
          ...(c.nulls_not_distinct === true ? { nullsNotDistinct: true } : {}),
        });
        return;
      case 'CONSTR_CHECK':
        if (c.raw_expr === undefined) return;
        (this.built.checks ??= []).push({
          name: this.checkName(c.conname, columns[0] ?? firstColumn(c.raw_expr)),
          expression: expressionText(c.raw_expr),
        });
        return;
      case 'CONSTR_FOREIGN': {
        const own = c.fk_attrs === undefined ? columns : stringsOf(c.fk_attrs);
        const references = stringsOf(c.pk_attrs);
        if (references.length === 0)
          throw this.fail(c.location, 'a foreign key must name the referenced columns');
        (this.built.foreignKeys ??= []).push({
          name: c.conname ?? `${this.table}_${own.join('_')}_fkey`,
          columns: own,
          references: {
            ...(c.pktable?.schemaname === undefined ? {} : { schema: c.pktable.schemaname }),
            table: c.pktable?.relname ?? '',
            columns: references,
          },
          onDelete: ACTIONS[c.fk_del_action ?? 'a'] ?? 'no action',
          onUpdate: ACTIONS[c.fk_upd_action ?? 'a'] ?? 'no action',
          ...(c.deferrable === true ? { deferrable: true } : {}),
        });
        return;
      }
      default:
        throw this.fail(
          c.location,
          `${(c.contype ?? 'this constraint').replace('CONSTR_', '')} constraints are not part of the TABLE model`,
        );
    }
  }

  /** PostgreSQL's choice: `<table>_<first column>_check`, or `<table>_check`, numbered when taken. */
  private checkName(given: string | undefined, column: string | undefined): string {
    if (given !== undefined) {
      this.checkNames.add(given);
      return given;
    }
    const base = column === undefined ? `${this.table}_check` : `${this.table}_${column}_check`;
    let name = base;
    for (let n = 1; this.checkNames.has(name); n++) name = `${base}${n}`;
    this.checkNames.add(name);
    return name;
  }
}

/** The first column an expression reads, depth first, as PostgreSQL picks it for a CHECK's name. */
function firstColumn(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = firstColumn(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const ref = (node as { ColumnRef?: { fields?: Node[] } }).ColumnRef;
  if (ref !== undefined) return stringsOf(ref.fields).at(-1);
  for (const value of Object.values(node)) {
    const found = firstColumn(value);
    if (found !== undefined) return found;
  }
  return undefined;
}

function locationOf(node: Node): number | undefined {
  const fields = unwrap(node)?.[1];
  if (typeof fields?.['location'] === 'number') return fields['location'];
  const relation = fields?.['relation'] as { location?: number } | undefined;
  return relation?.location;
}
