import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { literal, preparedTemplate } from './inline.ts';

describe('SQL literals for scripts', () => {
  it('writes scalars as PostgreSQL reads them back', () => {
    expect(literal(null)).toBe('null');
    expect(literal(undefined)).toBe('null');
    expect(literal(true)).toBe('true');
    expect(literal(false)).toBe('false');
    expect(literal(-42)).toBe('(-42)');
    expect(literal(10n)).toBe('(10)');
  });

  it('doubles quotes and backslashes inside an escape string', () => {
    expect(literal("O'Brien")).toBe(" E'O''Brien'");
    expect(literal('a\\b')).toBe(" E'a\\\\b'");
    expect(literal("\\'; drop table schemas; --")).toBe(" E'\\\\''; drop table schemas; --'");
    expect(literal('$1 $$ 😀')).toBe(" E'$1 $$ 😀'");
  });

  it('refuses what it cannot write faithfully', () => {
    expect(() => literal(Number.NaN)).toThrow(RangeError);
    expect(() => literal(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => literal('a\0b')).toThrow(RangeError);
    expect(() => literal({})).toThrow(TypeError);
  });

  it('fills a template built once; its name follows its text', () => {
    const template = preparedTemplate(
      sql`select ${sql.placeholder('a')}::int + ${sql.placeholder('b')}::int`,
    );
    const one = template({ a: 1, b: 2 });
    const other = template({ a: 5, b: -1 });
    expect(one.name).toBe(other.name);
    expect(one.prepare).toBe(`prepare ${one.name} as select $1::int + $2::int`);
    expect(one.execute).toBe(`execute ${one.name}((1), (2))`);
    expect(other.execute).toBe(`execute ${other.name}((5), (-1))`);
    expect(preparedTemplate(sql`select ${sql.placeholder('a')}::text`)({ a: 'x' }).name).not.toBe(one.name);
  });
});
