/**
 * Canonical keys, constraints, indexes and enums of a TABLE model: columns they name must exist, names
 * are unique per kind, options equal to PostgreSQL's defaults are omitted, and arrays are sorted by name.
 */
import type { TableCheck, TableEnum, TableForeignKey, TableIndex, TableModel, TableUnique } from './model.ts';
import { expressionAt, identifierAt, invalidAt } from './problems.ts';

export interface ModelContext {
  table: string;
  columns: ReadonlySet<string>;
}

type Constraints = Pick<
  TableModel,
  'primaryKey' | 'uniques' | 'indexes' | 'foreignKeys' | 'checks' | 'enums'
>;

export function canonicalConstraints(model: TableModel, context: ModelContext): Constraints {
  const out: Constraints = {};
  if (model.primaryKey !== undefined && model.primaryKey !== null) {
    const key = model.primaryKey;
    columnsExist('/primaryKey/columns', key.columns, context);
    out.primaryKey = {
      ...(key.name === undefined ? {} : { name: named('/primaryKey/name', key.name) }),
      columns: key.columns,
    };
  }
  const uniques = (model.uniques ?? []).map((u, i): TableUnique => {
    columnsExist(`/uniques/${i}/columns`, u.columns, context);
    return {
      ...(u.name === undefined ? {} : { name: named(`/uniques/${i}/name`, u.name) }),
      columns: u.columns,
      ...(u.nullsNotDistinct === true ? { nullsNotDistinct: true } : {}),
    };
  });
  const indexes = (model.indexes ?? []).map((index, i) => canonicalIndex(index, `/indexes/${i}`, context));
  const foreignKeys = (model.foreignKeys ?? []).map((fk, i) =>
    canonicalForeignKey(fk, `/foreignKeys/${i}`, context),
  );
  const checks = (model.checks ?? []).map((check, i): TableCheck => ({
    name: named(`/checks/${i}/name`, check.name),
    expression: expressionAt(`/checks/${i}/expression`, check.expression),
  }));
  const enums = (model.enums ?? []).map((e, i) => canonicalEnum(e, `/enums/${i}`));
  uniqueNames('/indexes', indexes);
  uniqueNames('/checks', checks);
  uniqueNames(
    '/enums',
    enums.map((e) => ({ name: `${e.schema ?? ''}.${e.name}` })),
  );
  if (uniques.length > 0) out.uniques = byName(uniques);
  if (indexes.length > 0) out.indexes = byName(indexes);
  if (foreignKeys.length > 0) out.foreignKeys = byName(foreignKeys);
  if (checks.length > 0) out.checks = byName(checks);
  if (enums.length > 0) out.enums = byName(enums);
  return out;
}

function canonicalIndex(index: TableIndex, at: string, context: ModelContext): TableIndex {
  named(`${at}/name`, index.name);
  if (index.columns === undefined && index.expressions === undefined) {
    throw invalidAt(at, `index "${index.name}" needs columns or expressions`);
  }
  const out: TableIndex = { name: index.name };
  if (index.columns !== undefined) {
    columnsExist(`${at}/columns`, index.columns, context);
    out.columns = index.columns;
  }
  if (index.expressions !== undefined) {
    out.expressions = index.expressions.map((e, j) => expressionAt(`${at}/expressions/${j}`, e));
  }
  if (index.unique === true) out.unique = true;
  const method = index.method?.toLowerCase();
  if (method !== undefined && method !== 'btree') out.method = method;
  if (index.where !== undefined) out.where = expressionAt(`${at}/where`, index.where);
  if (index.include !== undefined) {
    columnsExist(`${at}/include`, index.include, context);
    out.include = index.include;
  }
  return out;
}

function canonicalForeignKey(fk: TableForeignKey, at: string, context: ModelContext): TableForeignKey {
  columnsExist(`${at}/columns`, fk.columns, context);
  if (fk.references.columns.length !== fk.columns.length) {
    throw invalidAt(
      `${at}/references/columns`,
      `the key has ${fk.columns.length} columns and references ${fk.references.columns.length}`,
    );
  }
  identifierAt(`${at}/references/table`, fk.references.table);
  const out: TableForeignKey = {
    ...(fk.name === undefined ? {} : { name: named(`${at}/name`, fk.name) }),
    columns: fk.columns,
    references: {
      ...(fk.references.schema === undefined ? {} : { schema: fk.references.schema }),
      table: fk.references.table,
      columns: fk.references.columns,
    },
  };
  if (fk.onDelete !== undefined && fk.onDelete !== 'no action') out.onDelete = fk.onDelete;
  if (fk.onUpdate !== undefined && fk.onUpdate !== 'no action') out.onUpdate = fk.onUpdate;
  if (fk.deferrable === true) out.deferrable = true;
  return out;
}

function canonicalEnum(e: TableEnum, at: string): TableEnum {
  named(`${at}/name`, e.name);
  const values = new Set<string>();
  e.values.forEach((value, j) => {
    if (values.has(value)) throw invalidAt(`${at}/values/${j}`, `enum value '${value}' appears twice`);
    values.add(value);
  });
  return { name: e.name, ...(e.schema === undefined ? {} : { schema: e.schema }), values: e.values };
}

function columnsExist(at: string, columns: readonly string[], context: ModelContext): void {
  columns.forEach((column, j) => {
    if (!context.columns.has(column))
      throw invalidAt(`${at}/${j}`, `"${column}" is not a column of ${context.table}`);
  });
}

function named(at: string, name: string): string {
  identifierAt(at, name);
  return name;
}

function uniqueNames(at: string, entries: readonly { name?: string }[]): void {
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    if (entry.name === undefined) return;
    if (seen.has(entry.name)) throw invalidAt(`${at}/${i}/name`, `"${entry.name}" appears twice`);
    seen.add(entry.name);
  });
}

/** Sorted by name (unnamed entries by their content), independent of locale. */
function byName<T extends { name?: string }>(entries: T[]): T[] {
  const key = (entry: T) => `${entry.name ?? ''}\u0000${JSON.stringify(entry)}`;
  return [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
