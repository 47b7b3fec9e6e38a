/**
 * Table compatibility rules (migration-rules.md §2) as data: the CLI lists them and findings copy their
 * severity and hint. Severities here are the usual ones; a finding may be milder (TS001 on a column the old
 * version already deprecated, TS007 on a nullable column).
 */
import type { TableSeverity } from './types.ts';

export interface TableRule {
  id: string;
  name: string;
  /** `ok` for TS000, which names the changes that raise no finding. */
  severity: TableSeverity | 'ok';
  hint: string;
}

export const TABLE_RULES = [
  {
    id: 'TS000',
    name: 'additive',
    severity: 'ok',
    hint: 'nothing to do: nullable or constant-default columns, indexes, appended enum values and relaxed constraints are safe',
  },
  {
    id: 'TS001',
    name: 'column-removed',
    severity: 'error',
    hint: 'set deprecated: true first; remove it in a later version once every affected service has stopped using it',
  },
  {
    id: 'TS002',
    name: 'column-renamed',
    severity: 'error',
    hint: 'add the new column, dual-write and backfill, switch readers, drop the old one later (expand/contract); or rename only in code',
  },
  {
    id: 'TS003',
    name: 'required-column-added',
    severity: 'error',
    hint: 'add it nullable, or NOT NULL with a constant default',
  },
  {
    id: 'TS004',
    name: 'type-changed',
    severity: 'error',
    hint: 'add a new column, backfill, switch, then drop the old one',
  },
  {
    id: 'TS005',
    name: 'nullability-tightened',
    severity: 'error',
    hint: 'CHECK (c IS NOT NULL) NOT VALID, validate, then SET NOT NULL once every writer sends values',
  },
  {
    id: 'TS006',
    name: 'nullability-relaxed',
    severity: 'warn',
    hint: 'relax only after readers handle NULL',
  },
  { id: 'TS007', name: 'default-removed', severity: 'error', hint: 'keep the default' },
  {
    id: 'TS008',
    name: 'table-removed-or-renamed',
    severity: 'error',
    hint: 'deprecate the table; rename behind a view carrying the old name',
  },
  {
    id: 'TS009',
    name: 'constraint-added',
    severity: 'warn',
    hint: 'add it NOT VALID, validate later, and tell the affected services',
  },
  {
    id: 'TS010',
    name: 'primary-key-changed',
    severity: 'error',
    hint: 'build a new unique index, move the foreign keys, then swap the constraint',
  },
  {
    id: 'TS011',
    name: 'enum-value-removed',
    severity: 'error',
    hint: 'keep the value and map it in code; add new values at the end',
  },
  {
    id: 'TS012',
    name: 'index-removed',
    severity: 'info',
    hint: 'confirm with consumers: it affects only performance',
  },
] as const satisfies readonly TableRule[];

export type TableRuleId = (typeof TABLE_RULES)[number]['id'];

const BY_ID = new Map<string, TableRule>(TABLE_RULES.map((r) => [r.id, r]));

export function tableRule(id: TableRuleId): TableRule {
  const rule = BY_ID.get(id);
  if (rule === undefined) throw new Error(`unknown table rule ${id}`);
  return rule;
}
