/**
 * `tableDiff(old, new)`: what breaks for code written for `old` when it runs against a database at `new`
 * (migration-rules.md §2). It assumes that code reads and writes every column of its version and may omit
 * nullable or defaulted columns in INSERTs. Models are canonical (parseTableDocument / canonicalTableModel).
 */
import type { TableColumn, TableModel } from '../../schema/table/model.ts';
import { diffConstraints } from './diffConstraints.ts';
import { DEFAULT_NAMES, Findings, type DiffNames } from './findings.ts';
import type { TableViolation } from './types.ts';
import { isWidening } from './widening.ts';

/** Findings of every severity, each with `direction: 'BACKWARD'` and pointers into `old` and `new`. */
export function tableDiff(
  old: TableModel,
  next: TableModel,
  names: DiffNames = DEFAULT_NAMES,
): TableViolation[] {
  const findings = new Findings(names);
  const [oldName, newName] = [qualified(old), qualified(next)];
  if (oldName !== newName) {
    const path = old.schema !== next.schema ? '#/schema' : '#/table';
    findings.add(
      'TS008',
      { old: path, new: path },
      `The table changed from ${oldName} in {old} to ${newName} in {new}: code written for {old} queries a table that is gone.`,
    );
    return findings.list;
  }
  diffColumns(old, next, findings);
  diffConstraints(old, next, findings);
  return findings.list;
}

function diffColumns(old: TableModel, next: TableModel, findings: Findings): void {
  const oldIndex = new Map(old.columns.map((c, i) => [c.name, i]));
  const newIndex = new Map(next.columns.map((c, i) => [c.name, i]));
  const removed = old.columns.filter((c) => !newIndex.has(c.name));
  let added = next.columns.filter((c) => !oldIndex.has(c.name));
  const renames: [TableColumn, TableColumn][] = [];
  // The hint sits on the newer version's column: on `next` backward, on `old` when FORWARD swaps them.
  for (const column of added) {
    const from = removed.find((r) => r.name === column.renamedFrom || r.renamedFrom === column.name);
    if (from !== undefined) renames.push([from, column]);
  }
  // Without a hint, one column gone and one of the same shape added is a rename too.
  // A deprecated column's removal is the planned contract step, never half of a rename.
  const unmatchedRemoved = removed.filter(
    (r) => r.deprecated !== true && !renames.some(([from]) => from === r),
  );
  const unmatchedAdded = added.filter((a) => !renames.some(([, to]) => to === a));
  const [lone, single] = [unmatchedRemoved[0], unmatchedAdded[0]];
  if (
    unmatchedRemoved.length === 1 &&
    unmatchedAdded.length === 1 &&
    lone &&
    single &&
    sameShape(lone, single)
  ) {
    renames.push([lone, single]);
  }
  const oldPath = (c: TableColumn) => `#/columns/${oldIndex.get(c.name)}`;
  const newPath = (c: TableColumn) => `#/columns/${newIndex.get(c.name)}`;
  for (const [from, to] of renames) {
    findings.add(
      'TS002',
      { old: oldPath(from), new: newPath(to) },
      `Column "${from.name}" of {old} is renamed to "${to.name}" in {new}: code written for {old} still uses the old name.`,
    );
  }
  for (const column of removed.filter((r) => !renames.some(([from]) => from === r))) {
    const paths = { old: oldPath(column), new: '#/columns' };
    if (column.deprecated === true) {
      findings.add(
        'TS001',
        paths,
        `Column "${column.name}", deprecated in {old}, is removed in {new}: safe once no service still uses it.`,
        'warn',
      );
    } else {
      findings.add(
        'TS001',
        paths,
        `Column "${column.name}" of {old} is missing from {new}: code written for {old} reads or writes it.`,
      );
    }
  }
  added = added.filter((a) => !renames.some(([, to]) => to === a));
  for (const column of added) {
    if (column.nullable === false && !filled(column)) {
      findings.add(
        'TS003',
        { old: '#/columns', new: newPath(column) },
        `Column "${column.name}" of {new} is NOT NULL without a default: INSERTs written for {old} omit it and fail.`,
      );
    }
  }
  for (const column of old.columns) {
    const index = newIndex.get(column.name);
    const match = index === undefined ? undefined : next.columns[index];
    if (match !== undefined)
      diffColumn(column, match, { old: oldPath(column), new: newPath(match) }, findings);
  }
}

function diffColumn(
  old: TableColumn,
  next: TableColumn,
  at: { old: string; new: string },
  findings: Findings,
): void {
  const name = old.name;
  const paths = (field: string) => ({ old: `${at.old}/${field}`, new: `${at.new}/${field}` });
  if (old.type !== next.type && !isWidening(old.type, next.type)) {
    findings.add(
      'TS004',
      paths('type'),
      `Column "${name}" changes type from ${old.type} in {old} to ${next.type} in {new}: values code written for {old} reads or writes may not fit.`,
    );
  }
  const [oldNullable, newNullable] = [old.nullable !== false, next.nullable !== false];
  if (oldNullable && !newNullable) {
    findings.add(
      'TS005',
      paths('nullable'),
      `Column "${name}" is nullable in {old} and NOT NULL in {new}: writers for {old} may send or imply NULL.`,
    );
  } else if (!oldNullable && newNullable) {
    findings.add(
      'TS006',
      paths('nullable'),
      `Column "${name}" is NOT NULL in {old} and nullable in {new}: readers for {old} may not expect NULL.`,
    );
  }
  const fill = fillField(old);
  if (fill !== undefined && !filled(next)) {
    findings.add(
      'TS007',
      paths(fill),
      newNullable
        ? `Column "${name}" loses its ${fill} in {new}: INSERTs written for {old} that omit it now store NULL.`
        : `Column "${name}" loses its ${fill} in {new} and is NOT NULL: INSERTs written for {old} that omit it now fail.`,
      newNullable ? 'warn' : 'error',
    );
  }
  if (next.identity === 'always' && old.identity !== 'always') {
    findings.add(
      'TS009',
      paths('identity'),
      `Column "${name}" becomes GENERATED ALWAYS AS IDENTITY in {new}: writers for {old} that set it are rejected.`,
    );
  }
  if (next.generated && !old.generated) {
    findings.add(
      'TS009',
      paths('generated'),
      `Column "${name}" becomes a generated column in {new}: writers for {old} that set it are rejected.`,
    );
  }
}

function qualified(model: TableModel): string {
  return `${model.schema ?? 'public'}.${model.table}`;
}

/** Whether an INSERT may omit the column: a default, an identity or a generation fills it. */
function filled(column: TableColumn): boolean {
  return fillField(column) !== undefined;
}

function fillField(column: TableColumn): 'default' | 'identity' | 'generated' | undefined {
  if (column.default !== undefined && column.default !== null) return 'default';
  if (column.identity !== undefined && column.identity !== null) return 'identity';
  if (column.generated !== undefined && column.generated !== null) return 'generated';
  return undefined;
}

function sameShape(a: TableColumn, b: TableColumn): boolean {
  return a.type === b.type && (a.nullable !== false) === (b.nullable !== false);
}
