import { describe, expect, it } from 'vitest';
import type { TableColumn, TableModel } from '../../schema/table/model.ts';
import type { CompatibilityLevel } from '../index.ts';
import { checkTableCompatibility, checkTablePair, isWidening, TABLE_RULES, tableDiff } from './index.ts';

const col = (name: string, type = 'text', extra: Partial<TableColumn> = {}): TableColumn => ({
  name,
  type,
  nullable: true,
  ...extra,
});
const ID = col('id', 'bigint', { nullable: false, identity: 'by default' });
const table = (columns: TableColumn[], extra: Partial<TableModel> = {}): TableModel => ({
  schema: 'public',
  table: 'orders',
  columns: [ID, ...columns],
  ...extra,
});
const BASE = table([col('status', 'text', { nullable: false, default: "'new'" }), col('note')]);
const STATUS_ENUM = { name: 'order_status', values: ['new', 'paid'] };
const WITH_ENUM = table([col('state', 'order_status')], { enums: [STATUS_ENUM] });

/** `rule:severity` of each finding, per direction. */
function verdicts(old: TableModel, next: TableModel) {
  const existing = { version: 1, model: old };
  const summary = (direction: 'BACKWARD' | 'FORWARD') =>
    checkTablePair(next, existing, [direction])
      .map((v) => `${v.rule}:${v.severity}`)
      .sort();
  return { backward: summary('BACKWARD'), forward: summary('FORWARD') };
}

describe('tableDiff: each rule in both directions (migration-rules.md §2)', () => {
  it.each<[string, TableModel, TableModel, string[], string[]]>([
    // TS000: additive changes raise nothing backward.
    [
      'add a nullable column',
      BASE,
      table([...BASE.columns.slice(1), col('extra', 'jsonb')]),
      [],
      ['TS001:error'],
    ],
    [
      'add a column with a constant default',
      BASE,
      table([...BASE.columns.slice(1), col('n', 'integer', { nullable: false, default: '0' })]),
      [],
      ['TS001:error'],
    ],
    [
      'add an index',
      BASE,
      { ...BASE, indexes: [{ name: 'orders_status_idx', columns: ['status'] }] },
      [],
      ['TS012:info'],
    ],
    ['nothing changes', BASE, BASE, [], []],
    // TS001
    ['drop a nullable column', BASE, table([BASE.columns[1] as TableColumn]), ['TS001:error'], []],
    [
      'drop a NOT NULL column without default',
      table([col('a'), col('b', 'integer', { nullable: false })]),
      table([col('a')]),
      ['TS001:error'],
      ['TS003:error'],
    ],
    [
      'drop a column deprecated in the old version',
      table([col('a'), col('legacy', 'text', { deprecated: true })]),
      table([col('a')]),
      ['TS001:warn'],
      [],
    ],
    // TS002
    [
      'rename a column with a hint',
      table([col('email')]),
      table([col('email_address', 'integer', { renamedFrom: 'email' })]),
      ['TS002:error'],
      ['TS002:error'],
    ],
    [
      'rename a column without a hint',
      table([col('email')]),
      table([col('mail')]),
      ['TS002:error'],
      ['TS002:error'],
    ],
    [
      'drop one column and add one of another type (not a rename)',
      table([col('email')]),
      table([col('mail', 'integer')]),
      ['TS001:error'],
      ['TS001:error'],
    ],
    // TS003
    [
      'add a NOT NULL column without default',
      BASE,
      table([...BASE.columns.slice(1), col('req', 'text', { nullable: false })]),
      ['TS003:error'],
      ['TS001:error'],
    ],
    [
      'add a NOT NULL identity column',
      BASE,
      table([...BASE.columns.slice(1), col('n', 'bigint', { nullable: false, identity: 'by default' })]),
      [],
      ['TS001:error'],
    ],
    // TS004 and the widening list
    [
      'narrow text to integer',
      table([col('v', 'text')]),
      table([col('v', 'integer')]),
      ['TS004:error'],
      ['TS004:error'],
    ],
    [
      'widen integer to bigint',
      table([col('v', 'integer')]),
      table([col('v', 'bigint')]),
      [],
      ['TS004:error'],
    ],
    [
      'widen varchar(10) to varchar(20)',
      table([col('v', 'character varying(10)')]),
      table([col('v', 'character varying(20)')]),
      [],
      ['TS004:error'],
    ],
    // TS005 / TS006
    [
      'NULL → NOT NULL',
      table([col('v')]),
      table([col('v', 'text', { nullable: false })]),
      ['TS005:error'],
      ['TS006:warn'],
    ],
    [
      'NOT NULL → NULL',
      table([col('v', 'text', { nullable: false })]),
      table([col('v')]),
      ['TS006:warn'],
      ['TS005:error'],
    ],
    // TS007
    [
      'drop the default of a NOT NULL column',
      table([col('v', 'text', { nullable: false, default: "'x'" })]),
      table([col('v', 'text', { nullable: false })]),
      ['TS007:error'],
      [],
    ],
    [
      'drop the default of a nullable column',
      table([col('v', 'text', { default: "'x'" })]),
      table([col('v')]),
      ['TS007:warn'],
      [],
    ],
    [
      'change a default',
      table([col('v', 'text', { nullable: false, default: "'x'" })]),
      table([col('v', 'text', { nullable: false, default: "'y'" })]),
      [],
      [],
    ],
    // TS008
    ['rename the table', BASE, { ...BASE, table: 'purchases' }, ['TS008:error'], ['TS008:error']],
    ['move the table to another schema', BASE, { ...BASE, schema: 'shop' }, ['TS008:error'], ['TS008:error']],
    // TS009
    [
      'add a UNIQUE constraint',
      BASE,
      { ...BASE, uniques: [{ name: 'orders_note_key', columns: ['note'] }] },
      ['TS009:warn'],
      [],
    ],
    [
      'add a CHECK',
      BASE,
      { ...BASE, checks: [{ name: 'orders_note_check', expression: "note <> ''" }] },
      ['TS009:warn'],
      [],
    ],
    [
      'rename a CHECK without changing it',
      { ...BASE, checks: [{ name: 'a', expression: "note <> ''" }] },
      { ...BASE, checks: [{ name: 'b', expression: "note <> ''" }] },
      [],
      [],
    ],
    [
      'add a foreign key',
      BASE,
      { ...BASE, foreignKeys: [{ columns: ['id'], references: { table: 'customers', columns: ['id'] } }] },
      ['TS009:warn'],
      [],
    ],
    ['add a primary key', BASE, { ...BASE, primaryKey: { columns: ['id'] } }, ['TS009:warn'], []],
    [
      'make an identity ALWAYS',
      BASE,
      { ...BASE, columns: [{ ...ID, identity: 'always' }, ...BASE.columns.slice(1)] },
      ['TS009:warn'],
      [],
    ],
    // TS010
    [
      'change the primary key',
      { ...BASE, primaryKey: { columns: ['id'] } },
      { ...BASE, primaryKey: { columns: ['id', 'status'] } },
      ['TS010:error'],
      ['TS010:error'],
    ],
    [
      'rename the primary key only',
      { ...BASE, primaryKey: { name: 'a', columns: ['id'] } },
      { ...BASE, primaryKey: { name: 'b', columns: ['id'] } },
      [],
      [],
    ],
    // TS011
    [
      'append an enum value',
      WITH_ENUM,
      { ...WITH_ENUM, enums: [{ ...STATUS_ENUM, values: ['new', 'paid', 'done'] }] },
      [],
      ['TS011:error'],
    ],
    [
      'remove an enum value',
      WITH_ENUM,
      { ...WITH_ENUM, enums: [{ ...STATUS_ENUM, values: ['new'] }] },
      ['TS011:error'],
      [],
    ],
    // TS012
    [
      'drop an index',
      { ...BASE, indexes: [{ name: 'orders_status_idx', columns: ['status'] }] },
      BASE,
      ['TS012:info'],
      [],
    ],
    [
      'rename an index only',
      { ...BASE, indexes: [{ name: 'a', columns: ['status'] }] },
      { ...BASE, indexes: [{ name: 'b', columns: ['status'] }] },
      [],
      [],
    ],
  ])('%s', (_name, old, next, backward, forward) => {
    expect(verdicts(old, next)).toEqual({ backward: backward.sort(), forward: forward.sort() });
  });

  it('covers every rule it defines', () => {
    expect(TABLE_RULES.map((r) => r.id)).toEqual(
      Array.from({ length: 13 }, (_, i) => `TS${String(i).padStart(3, '0')}`),
    );
  });
});

describe('findings', () => {
  it('carry pointers into both models, severity, hint and a sentence naming the column', () => {
    const [finding] = tableDiff(table([col('v', 'text')]), table([col('v', 'integer')]));
    expect(finding).toEqual({
      rule: 'TS004',
      oldPath: '#/columns/1/type',
      newPath: '#/columns/1/type',
      message:
        'Column "v" changes type from text in the old version to integer in the new version: values code written for the old version reads or writes may not fit.',
      severity: 'error',
      hint: 'add a new column, backfill, switch, then drop the old one',
      direction: 'BACKWARD',
    });
  });

  it('point oldPath into the registered model in the FORWARD direction too', () => {
    const old = table([col('a')]);
    const next = table([col('a'), col('b')]);
    const [finding] = checkTablePair(next, { version: 4, model: old }, ['FORWARD']);
    expect(finding).toMatchObject({
      rule: 'TS001',
      oldPath: '#/columns',
      newPath: '#/columns/2',
      direction: 'FORWARD',
      oldVersion: 4,
    });
    expect(finding?.message).toBe(
      'Column "b" of the proposed version is missing from version 4: code written for the proposed version reads or writes it.',
    );
  });
});

describe('checkTableCompatibility: levels and transitive selection', () => {
  const v1 = table([col('a')]);
  const v2 = table([col('a'), col('b')]);
  const proposed = table([col('a', 'text', { nullable: false }), col('b')]);
  const existing = [
    { version: 2, model: v2 },
    { version: 1, model: v1 },
  ];

  it.each<[CompatibilityLevel, boolean]>([
    ['NONE', true],
    ['BACKWARD', false],
    ['BACKWARD_TRANSITIVE', false],
    ['FORWARD', true],
    ['FORWARD_TRANSITIVE', false],
    ['FULL', false],
    ['FULL_TRANSITIVE', false],
  ])('%s', (level, compatible) => {
    expect(checkTableCompatibility(level, proposed, existing).compatible).toBe(compatible);
  });

  it('reports warnings without refusing, and compares transitive levels with every version', () => {
    const relaxed = table([col('a'), col('b')], { uniques: [{ columns: ['b'] }] });
    const result = checkTableCompatibility('BACKWARD_TRANSITIVE', relaxed, existing);
    expect(result.compatible).toBe(true);
    expect(result.violations.map((v) => [v.rule, v.oldVersion])).toEqual([
      ['TS009', 2],
      ['TS009', 1],
    ]);
  });

  it('stops at the first version that refuses, newest first', () => {
    const dropsB = table([col('a')]);
    const result = checkTableCompatibility('FORWARD_TRANSITIVE', dropsB, existing);
    expect(result).toMatchObject({ compatible: true });
    const addsC = table([col('a'), col('b'), col('c')]);
    const refused = checkTableCompatibility('FORWARD_TRANSITIVE', addsC, existing);
    expect(refused.compatible).toBe(false);
    expect(new Set(refused.violations.map((v) => v.oldVersion))).toEqual(new Set([2]));
  });
});

describe('isWidening', () => {
  it.each([
    ['smallint', 'integer', true],
    ['smallint', 'bigint', true],
    ['integer', 'bigint', true],
    ['bigint', 'integer', false],
    ['character varying(10)', 'character varying(20)', true],
    ['character varying(20)', 'character varying(10)', false],
    ['character varying(10)', 'text', true],
    ['character varying(10)', 'character varying', true],
    ['text', 'character varying(10)', false],
    ['numeric(10,2)', 'numeric(12,2)', true],
    ['numeric(10,2)', 'numeric(12,3)', false],
    ['numeric(10,2)', 'numeric', true],
    ['cidr', 'inet', true],
    ['inet', 'cidr', false],
    ['timestamp(3) without time zone', 'timestamp without time zone', true],
    ['timestamp without time zone', 'timestamp(3) without time zone', false],
    ['timestamp without time zone', 'timestamp with time zone', true],
    ['timestamp with time zone', 'timestamp without time zone', false],
    ['time(0) with time zone', 'time(3) with time zone', true],
    ['interval(2)', 'interval', true],
    ['interval day to second(2)', 'interval day to second(4)', true],
    ['interval day to second(2)', 'interval(4)', false],
    ['text', 'jsonb', false],
  ])('%s → %s: %s', (from, to, widening) => {
    expect(isWidening(from, to)).toBe(widening);
  });
});
