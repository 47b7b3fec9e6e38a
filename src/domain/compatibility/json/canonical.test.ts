import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical, quote, sortedKeys } from './canonical.ts';

/** The definition canonical() implements: JSON text of the value with every object's keys sorted. */
function reference(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (typeof v !== 'object' || v === null) return v;
    const record = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((k) => [k, sort(record[k])]),
    );
  };
  return JSON.stringify(sort(value)) ?? 'null';
}

// Keys that must keep their place among the others when sorted: prototype names and array-index-like ones
// are avoided because Object.fromEntries would reorder them (the reference, not canonical, would differ).
const text = fc.string({ unit: 'binary', maxLength: 12 });
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      text.filter((k) => !/^\d+$/.test(k) && k !== '__proto__'),
      tie('value'),
      { maxKeys: 5 },
    ),
  ),
})).value;

describe('canonical JSON text', () => {
  it('is the JSON text of the value with sorted keys, whatever the strings hold', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(canonical(value)).toBe(reference(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('prints -0 as 0 and non-finite numbers as null, like JSON', () => {
    expect(canonical({ b: -0, a: [Number.NaN, Infinity] })).toBe('{"a":[null,null],"b":0}');
  });

  it('escapes quotes, backslashes, control characters and lone surrogates as JSON.stringify does', () => {
    for (const s of ['plain', 'a"b', 'a\\b', 'tab\there', '\u0001', '\ud800', 'pair \ud83d\ude00', 'é'])
      expect(quote(s)).toBe(JSON.stringify(s));
  });

  it('orders keys by code unit, small and large objects alike', () => {
    const small = { b: 1, B: 2, a: 3, ä: 4, _: 5 };
    expect(sortedKeys(small)).toEqual(Object.keys(small).sort());
    const large = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${(i * 7) % 40}`, i]));
    expect(sortedKeys(large)).toEqual(Object.keys(large).sort());
  });
});
