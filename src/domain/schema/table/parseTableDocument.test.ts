import { beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { loadSqlParser } from '../../sql/parser.ts';
import { canonicalTableText, parseTableDocument, tableFingerprint } from './index.ts';

beforeAll(loadSqlParser);

const ORDERS = {
  schema: 'public',
  table: 'orders',
  columns: [
    { name: 'id', type: 'bigint', nullable: false, identity: 'always' },
    { name: 'status', type: 'order_status', nullable: false, default: "'new'" },
    { name: 'total', type: 'numeric(12,2)', nullable: true },
  ],
  primaryKey: { name: 'orders_pkey', columns: ['id'] },
  indexes: [{ name: 'orders_status_idx', columns: ['status'], where: "status <> 'done'" }],
  enums: [{ name: 'order_status', values: ['new', 'paid', 'done'] }],
};

const json = (doc: unknown) => JSON.stringify(doc);

describe('parseTableDocument: the JSON model', () => {
  it('reads the reference example into its canonical form', () => {
    expect(parseTableDocument(json(ORDERS))).toEqual(ORDERS);
  });

  it('fills defaults, canonicalises types and expressions, and sorts constraint arrays by name', () => {
    const model = parseTableDocument(
      json({
        table: 't',
        columns: [
          { name: 'b', type: 'varchar(64)' },
          { name: 'a', type: 'int4', default: '0' },
          { name: 'c', type: 'timestamptz', default: 'NOW( )' },
        ],
        primaryKey: { columns: ['a'] },
        checks: [
          { name: 'z_check', expression: 'a>0' },
          { name: 'a_check', expression: "b<>''" },
        ],
        indexes: [{ name: 'i', columns: ['b'], method: 'BTREE', unique: false }],
      }),
    );
    expect(model).toEqual({
      schema: 'public',
      table: 't',
      columns: [
        { name: 'b', type: 'character varying(64)', nullable: true },
        { name: 'a', type: 'integer', nullable: false, default: '0' },
        { name: 'c', type: 'timestamp with time zone', nullable: true, default: 'now()' },
      ],
      primaryKey: { columns: ['a'] },
      checks: [
        { name: 'a_check', expression: "b <> ''" },
        { name: 'z_check', expression: 'a > 0' },
      ],
      indexes: [{ name: 'i', columns: ['b'] }],
    });
  });

  it('gives two spellings of one table one canonical text and fingerprint, and is idempotent', () => {
    const spaced = parseTableDocument(json(ORDERS));
    const other = parseTableDocument(
      json({
        enums: ORDERS.enums,
        indexes: [{ name: 'orders_status_idx', columns: ['status'], where: "status<>'done'" }],
        primaryKey: ORDERS.primaryKey,
        columns: [
          { name: 'id', type: 'int8', identity: 'always' },
          { name: 'status', type: 'order_status', nullable: false, default: "'new'" },
          { name: 'total', type: 'decimal(12, 2)' },
        ],
        table: 'orders',
      }),
    );
    expect(canonicalTableText(other)).toBe(canonicalTableText(spaced));
    expect(tableFingerprint(other)).toBe(tableFingerprint(spaced));
    expect(parseTableDocument(canonicalTableText(spaced))).toEqual(spaced);
  });

  it('keeps column order in the identity', () => {
    const ab = parseTableDocument(
      json({
        table: 't',
        columns: [
          { name: 'a', type: 'text' },
          { name: 'b', type: 'text' },
        ],
      }),
    );
    const ba = parseTableDocument(
      json({
        table: 't',
        columns: [
          { name: 'b', type: 'text' },
          { name: 'a', type: 'text' },
        ],
      }),
    );
    expect(tableFingerprint(ab)).not.toBe(tableFingerprint(ba));
  });

  it.each<[string, unknown, RegExp]>([
    ['no table', { columns: [{ name: 'a', type: 'text' }] }, /at \/: must have required property 'table'/],
    ['no columns', { table: 't', columns: [] }, /at \/columns: must NOT have fewer than 1 items/],
    [
      'a misspelt field',
      { table: 't', columns: [{ name: 'a', type: 'text', nulable: true }] },
      /at \/columns\/0: unknown field 'nulable'/,
    ],
    [
      'a bad type',
      { table: 't', columns: [{ name: 'a', type: 'integer(' }] },
      /at \/columns\/0\/type: 'integer\(' is not a PostgreSQL type/,
    ],
    [
      'serial',
      { table: 't', columns: [{ name: 'a', type: 'serial' }] },
      /at \/columns\/0\/type: 'serial' is not a type: write integer with an identity/,
    ],
    [
      'a bad default',
      { table: 't', columns: [{ name: 'a', type: 'text', default: "'x' FROM y" }] },
      /at \/columns\/0\/default: .* is not one SQL expression/,
    ],
    [
      'two columns named alike',
      {
        table: 't',
        columns: [
          { name: 'a', type: 'text' },
          { name: 'a', type: 'int' },
        ],
      },
      /at \/columns\/1\/name: column "a" appears twice/,
    ],
    [
      'a key over a missing column',
      { table: 't', columns: [{ name: 'a', type: 'text' }], primaryKey: { columns: ['b'] } },
      /at \/primaryKey\/columns\/0: "b" is not a column of t/,
    ],
    [
      'identity on text',
      { table: 't', columns: [{ name: 'a', type: 'text', identity: 'always' }] },
      /at \/columns\/0\/identity: identity column "a" must be smallint, integer or bigint/,
    ],
    [
      'default and identity',
      { table: 't', columns: [{ name: 'a', type: 'int', identity: 'always', default: '1' }] },
      /at \/columns\/0: column "a" may have only one of default, identity and generated/,
    ],
    [
      'a long name',
      { table: 'x'.repeat(64), columns: [{ name: 'a', type: 'int' }] },
      /at \/table: "x+" is longer than 63 bytes/,
    ],
    [
      'an index without columns',
      { table: 't', columns: [{ name: 'a', type: 'int' }], indexes: [{ name: 'i' }] },
      /at \/indexes\/0: index "i" needs columns or expressions/,
    ],
    [
      'a foreign key of the wrong width',
      {
        table: 't',
        columns: [{ name: 'a', type: 'int' }],
        foreignKeys: [{ columns: ['a'], references: { table: 'u', columns: ['x', 'y'] } }],
      },
      /at \/foreignKeys\/0\/references\/columns: the key has 1 columns and references 2/,
    ],
    [
      'a repeated enum value',
      { table: 't', columns: [{ name: 'a', type: 'e' }], enums: [{ name: 'e', values: ['x', 'x'] }] },
      /at \/enums\/0\/values\/1: enum value 'x' appears twice/,
    ],
    [
      'two checks named alike',
      {
        table: 't',
        columns: [{ name: 'a', type: 'int' }],
        checks: [
          { name: 'c', expression: 'a > 0' },
          { name: 'c', expression: 'a < 9' },
        ],
      },
      /at \/checks\/1\/name: "c" appears twice/,
    ],
  ])('rejects %s with 42201 naming the field', (_name, doc, message) => {
    expect(() => parseTableDocument(json(doc))).toThrow(DomainError);
    expect(() => parseTableDocument(json(doc))).toThrow(message);
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseTableDocument('{"table": ')).toThrow(/The TABLE schema is not valid JSON/);
  });
});

describe('parseTableDocument: one CREATE TABLE statement', () => {
  it('reads the table the statement creates, with the names PostgreSQL would choose', () => {
    const model = parseTableDocument(`
      CREATE TABLE shop.orders (
        id bigserial PRIMARY KEY,
        status text NOT NULL DEFAULT 'new' CHECK (status <> ''),
        total numeric(12,2),
        customer_id int8 REFERENCES customers (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        code varchar(8) UNIQUE,
        doubled bigint GENERATED ALWAYS AS (total * 2) STORED,
        seq int GENERATED BY DEFAULT AS IDENTITY,
        CHECK (total >= 0),
        UNIQUE NULLS NOT DISTINCT (status, code)
      )`);
    expect(model).toEqual({
      schema: 'shop',
      table: 'orders',
      columns: [
        {
          name: 'id',
          type: 'bigint',
          nullable: false,
          default: "nextval(CAST('shop.orders_id_seq' AS regclass))",
        },
        { name: 'status', type: 'text', nullable: false, default: "'new'" },
        { name: 'total', type: 'numeric(12,2)', nullable: true },
        { name: 'customer_id', type: 'bigint', nullable: true },
        { name: 'created_at', type: 'timestamp with time zone', nullable: false, default: 'now()' },
        { name: 'code', type: 'character varying(8)', nullable: true },
        {
          name: 'doubled',
          type: 'bigint',
          nullable: true,
          generated: { expression: 'total * 2', stored: true },
        },
        { name: 'seq', type: 'integer', nullable: false, identity: 'by default' },
      ],
      primaryKey: { name: 'orders_pkey', columns: ['id'] },
      uniques: [
        { name: 'orders_code_key', columns: ['code'] },
        { name: 'orders_status_code_key', columns: ['status', 'code'], nullsNotDistinct: true },
      ],
      foreignKeys: [
        {
          name: 'orders_customer_id_fkey',
          columns: ['customer_id'],
          references: { table: 'customers', columns: ['id'] },
          onDelete: 'cascade',
        },
      ],
      checks: [
        { name: 'orders_status_check', expression: "status <> ''" },
        { name: 'orders_total_check', expression: 'total >= 0' },
      ],
    });
  });

  it('gives the SQL and the JSON spelling of one table the same identity', () => {
    const sql = parseTableDocument(
      "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY, status order_status NOT NULL DEFAULT 'new', total numeric(12,2), CONSTRAINT orders_pkey PRIMARY KEY (id))",
    );
    const { indexes: _indexes, enums: _enums, ...plain } = ORDERS;
    expect(tableFingerprint(sql)).toBe(tableFingerprint(parseTableDocument(json(plain))));
  });

  it.each<[string, string, RegExp]>([
    [
      'a syntax error',
      'CREATE TABLE t (a int,, b text)',
      /at line 1, column 23: syntax error at or near ","/,
    ],
    [
      'a syntax error on a later line',
      'CREATE TABLE t (\n  a int,\n  b texte text\n)',
      /at line 3, column 11: syntax error/,
    ],
    [
      'two statements',
      'CREATE TABLE t (a int); CREATE TABLE u (b int)',
      /at line 1, column 25: a TABLE schema is exactly one CREATE TABLE statement/,
    ],
    [
      'another statement',
      'ALTER TABLE t ADD COLUMN b int',
      /at line 1, column 1: a TABLE schema is exactly one CREATE TABLE/,
    ],
    [
      'inheritance',
      'CREATE TABLE t (a int) INHERITS (u)',
      /inherited, partition and typed tables are not part of the TABLE model/,
    ],
    [
      'LIKE',
      'CREATE TABLE t (LIKE u)',
      /at line 1, column 22: TableLikeClause is not part of the TABLE model/,
    ],
    [
      'an exclusion constraint',
      'CREATE TABLE t (a int, EXCLUDE USING gist (a WITH =))',
      /EXCLUSION constraints are not part of the TABLE model/,
    ],
    [
      'a virtual generated column',
      'CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a) VIRTUAL)',
      /only STORED generated columns/,
    ],
    [
      'a repeated column',
      'CREATE TABLE t (a int, a text)',
      /at \/columns\/1\/name: column "a" appears twice/,
    ],
    ['an empty text', '   ', /exactly one CREATE TABLE statement/],
  ])('rejects %s with 42201 naming the position', (_name, sql, message) => {
    expect(() => parseTableDocument(sql)).toThrow(DomainError);
    expect(() => parseTableDocument(sql)).toThrow(message);
  });
});
