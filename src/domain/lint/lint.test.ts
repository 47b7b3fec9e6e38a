import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser } from '../sql/parser.ts';
import { LINT_RULES, lintSql, type LintOptions } from './index.ts';

beforeAll(loadSqlParser);

const NO_TX: LintOptions = { transactional: false };
const rulesOf = (sql: string, options?: LintOptions) => lintSql(sql, options).findings.map((f) => f.rule);

interface Case {
  rule: string;
  violating: string;
  passing: string;
  options?: LintOptions;
}

// One violating and one passing migration per rule; `passing` does the same job the safe way.
const CASES: Case[] = [
  {
    rule: 'MG000',
    violating: 'ALTER TABLE orders ADD COLUMN;',
    passing: 'ALTER TABLE orders ADD COLUMN note text;',
  },
  { rule: 'MG001', violating: 'DROP TABLE orders;', passing: 'CREATE TABLE tmp (a text); DROP TABLE tmp;' },
  {
    rule: 'MG002',
    violating: 'ALTER TABLE orders DROP COLUMN note;',
    passing: 'ALTER TABLE orders ADD COLUMN note text;',
  },
  { rule: 'MG003', violating: 'DROP SCHEMA archive CASCADE;', passing: 'CREATE SCHEMA archive;' },
  { rule: 'MG003', violating: 'DROP DATABASE legacy;', passing: 'CREATE TABLE legacy (a text);' },
  {
    rule: 'MG004',
    violating: 'ALTER TABLE orders RENAME COLUMN note TO remark;',
    passing: 'ALTER TABLE orders ADD COLUMN remark text;',
  },
  {
    rule: 'MG004',
    violating: 'ALTER TABLE orders RENAME TO purchases;',
    passing: 'CREATE VIEW purchases AS SELECT * FROM orders;',
  },
  {
    rule: 'MG005',
    violating: 'ALTER TABLE orders ADD COLUMN code text NOT NULL;',
    passing: "ALTER TABLE orders ADD COLUMN code text NOT NULL DEFAULT 'x';",
  },
  {
    rule: 'MG101',
    violating: 'CREATE INDEX orders_note_idx ON orders (note);',
    passing: 'CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);',
    options: NO_TX,
  },
  {
    rule: 'MG102',
    violating: 'DROP INDEX orders_note_idx;',
    passing: 'DROP INDEX CONCURRENTLY orders_note_idx;',
    options: NO_TX,
  },
  {
    rule: 'MG103',
    violating: 'ALTER TABLE orders ALTER COLUMN total TYPE bigint;',
    passing: 'ALTER TABLE orders ALTER COLUMN code TYPE character varying(20);',
    options: {
      tables: [
        { schema: 'public', table: 'orders', columns: [{ name: 'code', type: 'character varying(10)' }] },
      ],
    },
  },
  {
    rule: 'MG104',
    violating: 'ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();',
    passing: 'ALTER TABLE orders ADD COLUMN seen_at timestamptz DEFAULT now();',
  },
  {
    rule: 'MG105',
    violating: 'ALTER TABLE orders ALTER COLUMN note SET NOT NULL;',
    passing:
      'ALTER TABLE orders ADD CONSTRAINT orders_note_nn CHECK (note IS NOT NULL) NOT VALID;\n' +
      'ALTER TABLE orders VALIDATE CONSTRAINT orders_note_nn;\n' +
      'ALTER TABLE orders ALTER COLUMN note SET NOT NULL;',
    options: NO_TX,
  },
  {
    rule: 'MG106',
    violating:
      'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);',
    passing:
      'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;',
  },
  {
    rule: 'MG107',
    violating: 'ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE (code);',
    passing: 'ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE USING INDEX orders_code_idx;',
  },
  {
    rule: 'MG108',
    violating:
      'ALTER TABLE orders ADD CONSTRAINT c CHECK (total > 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT c;',
    passing: 'ALTER TABLE orders VALIDATE CONSTRAINT c;',
  },
  {
    rule: 'MG201',
    violating: 'CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);',
    passing: 'CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);',
    options: undefined,
  },
  {
    rule: 'MG202',
    violating: 'BEGIN;\nALTER TABLE orders ADD COLUMN a text;\nCOMMIT;',
    passing: 'ALTER TABLE orders ADD COLUMN a text;',
  },
  {
    rule: 'MG203',
    violating: 'ALTER TABLE orders ADD COLUMN a text;',
    passing: "SET lock_timeout = '1s';\nALTER TABLE orders ADD COLUMN a text;",
  },
  {
    rule: 'MG204',
    violating: 'ALTER TABLE orders ADD COLUMN a text;',
    passing: "SET statement_timeout = '5s';\nALTER TABLE orders ADD COLUMN a text;",
  },
  {
    rule: 'MG205',
    violating: 'CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);',
    passing: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_note_idx ON orders (note);',
    options: NO_TX,
  },
  {
    rule: 'MG206',
    violating: '-- schemata-ignore MG101\nCREATE INDEX orders_note_idx ON orders (note);',
    passing:
      '-- schemata-ignore MG101: built in the maintenance window\nCREATE INDEX orders_note_idx ON orders (note);',
  },
  {
    rule: 'MG301',
    violating: 'ALTER TABLE orders ALTER COLUMN note DROP NOT NULL;',
    passing: 'ALTER TABLE orders ALTER COLUMN note SET DEFAULT 0;',
  },
  { rule: 'MG302', violating: 'TRUNCATE orders CASCADE;', passing: 'TRUNCATE orders, order_lines;' },
  {
    rule: 'MG303',
    violating: "UPDATE orders SET note = '';",
    passing: "UPDATE orders SET note = '' WHERE id BETWEEN 1 AND 1000;",
  },
  {
    rule: 'MG303',
    violating: 'ALTER TABLE orders ADD COLUMN note2 text;\nUPDATE orders SET note2 = note WHERE id < 1000;',
    passing: 'UPDATE orders SET note2 = note WHERE id < 1000;',
  },
  {
    rule: 'MG304',
    violating: "ALTER TYPE order_status ADD VALUE 'refunded';",
    passing: "ALTER TYPE order_status ADD VALUE 'refunded' AFTER 'paid';",
  },
  {
    rule: 'MG401',
    violating: 'CREATE TABLE events (id serial, at timestamp, body json, code varchar(8));',
    passing:
      'CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY, at timestamptz, body jsonb, code text);',
  },
  {
    rule: 'MG402',
    violating: `CREATE TABLE ${'t'.repeat(64)} (a text);`,
    passing: `CREATE TABLE ${'t'.repeat(63)} (a text);`,
  },
  {
    rule: 'MG403',
    violating: 'CREATE TABLE "OrderLines" (a text);',
    passing: 'CREATE TABLE order_lines (a text);',
    options: { naming: { table: '^[a-z][a-z0-9_]*$' } },
  },
];

describe('lintSql: every rule flags its violating migration and not the safe one', () => {
  it.each(CASES.map((c) => [c.rule, c] as const))('%s', (rule, c) => {
    expect(rulesOf(c.violating, c.options)).toContain(rule);
    const passingOptions = rule === 'MG201' ? NO_TX : c.options;
    expect(rulesOf(c.passing, passingOptions)).not.toContain(rule);
  });

  it('has a case for every rule', () => {
    expect(new Set(CASES.map((c) => c.rule))).toEqual(new Set(LINT_RULES.map((r) => r.id)));
  });
});

describe('lintSql: settings and "existing table"', () => {
  it('exempts tables the migration creates from lock and rewrite rules', () => {
    const sql =
      'CREATE TABLE t (a text);\nCREATE INDEX t_a_idx ON t (a);\nALTER TABLE t ADD COLUMN b text NOT NULL;\nALTER TABLE t ADD CONSTRAINT t_b_key UNIQUE (b);';
    expect(rulesOf(sql)).toEqual([]);
  });

  it('rewrites on any ADD COLUMN DEFAULT before PostgreSQL 11', () => {
    const sql = "ALTER TABLE orders ADD COLUMN kind text DEFAULT 'x';";
    expect(rulesOf(sql, { postgresVersion: 10 })).toContain('MG104');
    expect(rulesOf(sql, { postgresVersion: 16 })).not.toContain('MG104');
  });

  it('needs PostgreSQL 12 for the CHECK shortcut before SET NOT NULL', () => {
    const sql =
      'ALTER TABLE orders ADD CONSTRAINT nn CHECK (note IS NOT NULL) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT nn;\nALTER TABLE orders ALTER COLUMN note SET NOT NULL;';
    expect(rulesOf(sql, { ...NO_TX, postgresVersion: 11 })).toContain('MG105');
    expect(rulesOf(sql, { ...NO_TX, postgresVersion: 12 })).not.toContain('MG105');
  });

  it('checks transaction balance in migrations the runner does not wrap', () => {
    expect(rulesOf('BEGIN;\nALTER TABLE orders ADD COLUMN a text;', NO_TX)).toContain('MG202');
    expect(rulesOf('BEGIN;\nBEGIN;\nCOMMIT;\nCOMMIT;', NO_TX)).toContain('MG202');
    expect(rulesOf('COMMIT;', NO_TX)).toContain('MG202');
    expect(rulesOf('BEGIN;\nALTER TABLE orders ADD COLUMN a text;\nCOMMIT;', NO_TX)).not.toContain('MG202');
    expect(rulesOf('BEGIN;\nCREATE INDEX CONCURRENTLY i ON orders (a);\nCOMMIT;', NO_TX)).toContain('MG201');
  });

  it('treats a lock_timeout of 0 or a RESET as no timeout', () => {
    expect(rulesOf('SET lock_timeout = 0;\nALTER TABLE orders ADD COLUMN a text;')).toContain('MG203');
    expect(rulesOf("SET lock_timeout = '2s';\nRESET lock_timeout;\nDROP TABLE orders;")).toContain('MG203');
  });

  it('reports MG204 once per migration', () => {
    const sql = 'ALTER TABLE orders ADD COLUMN a text;\nALTER TABLE orders ADD COLUMN b text;';
    expect(rulesOf(sql).filter((r) => r === 'MG204')).toHaveLength(1);
  });
});

describe('lintSql: findings', () => {
  it('carry rule, severity, message, hint, statement and a position counted in characters', () => {
    const sql = "-- ünïcödé ✓\nSELECT 'é';\n  ALTER TABLE orders DROP COLUMN note;";
    const [drop] = lintSql(sql).findings.filter((f) => f.rule === 'MG002');
    expect(drop).toEqual({
      rule: 'MG002',
      severity: 'error',
      message: 'Dropping column orders.note breaks every reader and writer that still uses it.',
      hint: 'stop reads and writes of the column, then drop it in a later migration',
      line: 3,
      column: 3,
      statement: 1,
    });
  });

  it('place type findings at the type and parse errors at the error', () => {
    const [finding] = lintSql('CREATE TABLE é (a int);').findings;
    expect(finding).toMatchObject({ rule: 'MG401', line: 1, column: 19 });
    const report = lintSql('SELECT 1;\nCREATE TABLE ☃ (a int,, b int);');
    expect(report.findings).toEqual([
      expect.objectContaining({ rule: 'MG000', severity: 'error', line: 2, column: 23 }),
    ]);
  });

  it('are data, not exceptions, for empty input', () => {
    expect(lintSql('')).toEqual({ findings: [], suppressed: [], ruleSetVersion: '1' });
  });
});

describe('suppression comments (migration-rules.md §4)', () => {
  const INDEX = 'CREATE INDEX orders_note_idx ON orders (note);';

  it('suppress the next statement and keep the finding with its reason', () => {
    const report = lintSql(
      `-- schemata-ignore MG101, MG204: under 1k rows; built in the maintenance window\n${INDEX}`,
    );
    expect(report.findings).toEqual([]);
    expect(report.suppressed.map((f) => [f.rule, f.reason])).toEqual([
      ['MG101', 'under 1k rows; built in the maintenance window'],
      ['MG204', 'under 1k rows; built in the maintenance window'],
    ]);
  });

  it('apply to one statement only, and a file-wide comment to all', () => {
    const two = `${INDEX}\nCREATE INDEX orders_total_idx ON orders (total);`;
    expect(rulesOf(`-- schemata-ignore MG101: small\n${two}`).filter((r) => r === 'MG101')).toHaveLength(1);
    expect(rulesOf(`-- schemata-ignore-file MG101 MG204: small tables\n${two}`)).toEqual([]);
  });

  it.each<[string, string, RegExp]>([
    ['without a reason', `-- schemata-ignore MG101\n${INDEX}`, /gives no reason/],
    ['with a blank reason', `-- schemata-ignore MG101:   \n${INDEX}`, /gives no reason/],
    [
      'naming an unknown rule',
      `-- schemata-ignore MG101, MG999: small\n${INDEX}`,
      /MG999, which is not a lint rule/,
    ],
    [
      'suppressing nothing',
      `-- schemata-ignore MG002: nothing here\n${INDEX}`,
      /suppresses MG002, but MG002 reports nothing/,
    ],
    [
      'naming MG000',
      `-- schemata-ignore MG000: please\n${INDEX}`,
      /MG000 \(parse error\) cannot be suppressed/,
    ],
    [
      'file-wide after the first statement',
      `${INDEX}\n-- schemata-ignore-file MG101: late\nSELECT 1;`,
      /must come before the first statement/,
    ],
    [
      'at the end of the file',
      `${INDEX}\n-- schemata-ignore MG101: nothing follows`,
      /has no statement after it/,
    ],
  ])('report a comment %s as MG206', (_name, sql, message) => {
    const problems = lintSql(sql).findings.filter((f) => f.rule === 'MG206');
    expect(problems.map((p) => p.message)).toContainEqual(expect.stringMatching(message));
  });

  it('leave the findings of a comment without a reason standing', () => {
    expect(rulesOf(`-- schemata-ignore MG101\n${INDEX}`)).toContain('MG101');
  });

  it('honour a configured minimum reason length', () => {
    const sql = `-- schemata-ignore MG101, MG204: ok\n${INDEX}`;
    expect(rulesOf(sql, { minReasonLength: 10 })).toContain('MG101');
    expect(rulesOf(sql)).not.toContain('MG101');
  });

  it('cannot hide a parse error', () => {
    expect(rulesOf('-- schemata-ignore-file MG000: no\nSELEC 1;')).toEqual(['MG000']);
  });
});
