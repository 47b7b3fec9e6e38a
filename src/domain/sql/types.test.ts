import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser } from './parser.ts';
import { canonicalTypeText, parseTypeName, serialBase } from './types.ts';

beforeAll(loadSqlParser);

describe('canonicalTypeText: the format_type() spelling', () => {
  it.each([
    ['int', 'integer'],
    ['int4', 'integer'],
    ['INTEGER', 'integer'],
    ['int2', 'smallint'],
    ['int8', 'bigint'],
    ['bigint', 'bigint'],
    ['bool', 'boolean'],
    ['float8', 'double precision'],
    ['double precision', 'double precision'],
    ['float4', 'real'],
    ['float(3)', 'real'],
    ['float(40)', 'double precision'],
    ['varchar(64)', 'character varying(64)'],
    ['character varying(64)', 'character varying(64)'],
    ['varchar', 'character varying'],
    ['char', 'character(1)'],
    ['char(3)', 'character(3)'],
    ['"char"', '"char"'],
    ['text', 'text'],
    ['text[]', 'text[]'],
    ['int[][]', 'integer[]'],
    ['varchar(20)[]', 'character varying(20)[]'],
    ['numeric(12,2)', 'numeric(12,2)'],
    ['decimal(10)', 'numeric(10,0)'],
    ['numeric', 'numeric'],
    ['timestamp', 'timestamp without time zone'],
    ['timestamptz', 'timestamp with time zone'],
    ['timestamp with time zone', 'timestamp with time zone'],
    ['timestamptz(3)', 'timestamp(3) with time zone'],
    ['timestamp(6) without time zone', 'timestamp(6) without time zone'],
    ['time', 'time without time zone'],
    ['timetz', 'time with time zone'],
    ['interval', 'interval'],
    ['interval(2)', 'interval(2)'],
    ['interval day to second(3)', 'interval day to second(3)'],
    ['interval year to month', 'interval year to month'],
    ['bit', 'bit(1)'],
    ['varbit(8)', 'bit varying(8)'],
    ['jsonb', 'jsonb'],
    ['uuid', 'uuid'],
    ['pg_catalog.int4', 'integer'],
    ['public.order_status', 'public.order_status'],
    ['order_status', 'order_status'],
    ['"OrderStatus"', '"OrderStatus"'],
    ['serial', 'integer'],
    ['bigserial', 'bigint'],
    ['smallserial', 'smallint'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalTypeText(input)).toBe(expected);
  });

  it.each(['', 'int; DROP TABLE t', 'int) FROM t WHERE (true', 'not a type at all', 'int -- x', 'setof int'])(
    'rejects %j',
    (input) => {
      expect(canonicalTypeText(input)).toBeUndefined();
    },
  );

  it('tells serial types apart from their integer type', () => {
    const base = (text: string) => {
      const typeName = parseTypeName(text);
      return typeName === undefined ? 'unparsed' : serialBase(typeName);
    };
    expect(base('serial')).toBe('integer');
    expect(base('serial8')).toBe('bigint');
    expect(base('integer')).toBeUndefined();
  });
});
