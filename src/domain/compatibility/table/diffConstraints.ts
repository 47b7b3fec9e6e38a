/**
 * Keys, constraints, indexes and enums between two table versions (migration-rules.md §2). Constraints
 * match by what they enforce, not by name, so renaming a constraint changes nothing.
 */
import type { TableIndex, TableModel } from '../../schema/table/model.ts';
import { columnList, type Findings } from './findings.ts';

export function diffConstraints(old: TableModel, next: TableModel, findings: Findings): void {
  diffPrimaryKey(old, next, findings);
  diffUniques(old, next, findings);
  diffChecks(old, next, findings);
  diffForeignKeys(old, next, findings);
  diffIndexes(old, next, findings);
  diffEnums(old, next, findings);
}

function diffPrimaryKey(old: TableModel, next: TableModel, findings: Findings): void {
  const [before, after] = [old.primaryKey ?? undefined, next.primaryKey ?? undefined];
  if (after === undefined) return;
  if (before === undefined) {
    findings.add(
      'TS009',
      { old: '#', new: '#/primaryKey' },
      `{new} adds a primary key on ${columnList(after.columns)}: writers for {old} may be rejected.`,
    );
  } else if (before.columns.join('\u0000') !== after.columns.join('\u0000')) {
    findings.add(
      'TS010',
      { old: '#/primaryKey/columns', new: '#/primaryKey/columns' },
      `The primary key changes from ${columnList(before.columns)} in {old} to ${columnList(after.columns)} in {new}.`,
    );
  }
}

/** UNIQUE constraints and unique indexes both reject writers: they count as one kind here. */
function diffUniques(old: TableModel, next: TableModel, findings: Findings): void {
  const oldKeys = new Set(uniqueKeys(old).map((u) => u.key));
  for (const unique of uniqueKeys(next)) {
    if (oldKeys.has(unique.key)) continue;
    findings.add(
      'TS009',
      { old: unique.parent, new: unique.path },
      `{new} adds uniqueness on ${columnList(unique.columns)}${unique.nullsNotDistinct ? ' with NULLS NOT DISTINCT' : ''}: writers for {old} may be rejected.`,
    );
  }
}

function uniqueKeys(model: TableModel) {
  const constraints = (model.uniques ?? []).map((u, i) => ({
    columns: u.columns,
    nullsNotDistinct: u.nullsNotDistinct === true,
    path: `#/uniques/${i}`,
    parent: '#/uniques',
  }));
  const indexes = (model.indexes ?? []).flatMap((index, i) =>
    index.unique === true && index.where === undefined
      ? [
          {
            columns: index.columns ?? index.expressions ?? [],
            nullsNotDistinct: false,
            path: `#/indexes/${i}`,
            parent: '#/indexes',
          },
        ]
      : [],
  );
  // A stricter NULLS NOT DISTINCT variant is a new key; the plain one is implied by it for old writers.
  return [...constraints, ...indexes].map((u) => ({
    ...u,
    key: `${u.nullsNotDistinct}:${u.columns.join('\u0000')}`,
  }));
}

function diffChecks(old: TableModel, next: TableModel, findings: Findings): void {
  const oldExpressions = new Set((old.checks ?? []).map((c) => c.expression));
  const oldByName = new Map((old.checks ?? []).map((c, i) => [c.name, i]));
  (next.checks ?? []).forEach((check, i) => {
    if (oldExpressions.has(check.expression)) return;
    const was = oldByName.get(check.name);
    if (was === undefined) {
      findings.add(
        'TS009',
        { old: '#/checks', new: `#/checks/${i}` },
        `{new} adds CHECK ${check.name} (${check.expression}): writers for {old} may be rejected.`,
      );
    } else {
      findings.add(
        'TS009',
        { old: `#/checks/${was}/expression`, new: `#/checks/${i}/expression` },
        `CHECK ${check.name} changes to (${check.expression}) in {new}: if it is tighter, writers for {old} may be rejected.`,
      );
    }
  });
}

function diffForeignKeys(old: TableModel, next: TableModel, findings: Findings): void {
  const key = (fk: NonNullable<TableModel['foreignKeys']>[number]) =>
    JSON.stringify([fk.columns, fk.references.schema ?? '', fk.references.table, fk.references.columns]);
  const oldKeys = new Set((old.foreignKeys ?? []).map(key));
  (next.foreignKeys ?? []).forEach((fk, i) => {
    if (oldKeys.has(key(fk))) return;
    findings.add(
      'TS009',
      { old: '#/foreignKeys', new: `#/foreignKeys/${i}` },
      `{new} adds a foreign key ${columnList(fk.columns)} → ${fk.references.table}${columnList(fk.references.columns)}: writers for {old} may be rejected.`,
    );
  });
}

function diffIndexes(old: TableModel, next: TableModel, findings: Findings): void {
  const definition = (index: TableIndex) => {
    const { name: _name, ...rest } = index;
    return JSON.stringify(rest, Object.keys(rest).sort());
  };
  const newDefinitions = new Set((next.indexes ?? []).map(definition));
  (old.indexes ?? []).forEach((index, i) => {
    if (newDefinitions.has(definition(index))) return;
    findings.add(
      'TS012',
      { old: `#/indexes/${i}`, new: '#/indexes' },
      `Index ${index.name} of {old} is not in {new}: queries written for {old} may slow down.`,
    );
  });
}

/** Values that disappear from an enum a column of `old` uses. */
function diffEnums(old: TableModel, next: TableModel, findings: Findings): void {
  const used = new Set(old.columns.map((c) => c.type.replace(/\[\]$/, '')));
  const newEnums = new Map((next.enums ?? []).map((e, i) => [enumKey(e), { e, i }]));
  (old.enums ?? []).forEach((e, i) => {
    const match = newEnums.get(enumKey(e));
    if (match === undefined || !(used.has(e.name) || used.has(`${e.schema ?? 'public'}.${e.name}`))) return;
    const kept = new Set(match.e.values);
    e.values.forEach((value, j) => {
      if (kept.has(value)) return;
      findings.add(
        'TS011',
        { old: `#/enums/${i}/values/${j}`, new: `#/enums/${match.i}/values` },
        `Enum ${e.name} loses the value '${value}' in {new}: rows and code written for {old} use it.`,
      );
    });
  });
}

const enumKey = (e: { name: string; schema?: string }) => `${e.schema ?? 'public'}.${e.name}`;
