import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalExpressionText } from './expressions.ts';
import { loadSqlParser } from './parser.ts';

beforeAll(loadSqlParser);

describe('canonicalExpressionText', () => {
  it.each([
    ["status<>'done'", "status <> 'done'"],
    ['NOW( )', 'now()'],
    ["'new'", "'new'"],
    ['(price * qty)', 'price * qty'],
    ['a > 0 and b is not null', 'a > 0 AND b IS NOT NULL'],
    ["'{}'::jsonb", "'{}'::jsonb"],
  ])('%s → %s', (input, expected) => {
    expect(canonicalExpressionText(input)).toBe(expected);
  });

  it.each([
    "status<>'done'",
    "nextval('t_id_seq'::regclass)",
    'CURRENT_TIMESTAMP',
    "coalesce(a, 'x'::text) || 'y'",
    'x IN (1, 2) OR y BETWEEN 1 AND 3',
    'ARRAY[]::text[]',
    "lower(email) LIKE '%@example.com'",
    'CASE WHEN a THEN 1 ELSE 2 END',
    'a::numeric(10,2) > 0',
    '-1',
  ])('is a fixed point for %s', (input) => {
    const once = canonicalExpressionText(input);
    expect(once).toBeDefined();
    expect(canonicalExpressionText(once ?? '')).toBe(once);
  });

  it.each(['', '1; DROP TABLE t', '1) FROM t WHERE (true', '1 -- rest', 'a AS b', '(', '1 +'])(
    'rejects %j',
    (input) => {
      expect(canonicalExpressionText(input)).toBeUndefined();
    },
  );
});
