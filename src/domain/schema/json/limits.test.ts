import { describe, expect, it } from 'vitest';
import { exceededLimit, SCHEMA_LIMITS } from './limits.ts';

const nested = (depth: number): unknown => {
  let doc: unknown = { type: 'string' };
  for (let i = 0; i < depth; i++) doc = { properties: { a: doc } };
  return doc;
};

describe('exceededLimit', () => {
  it('accepts ordinary documents', () => {
    expect(exceededLimit(nested(10))).toBeUndefined();
    expect(exceededLimit(true)).toBeUndefined();
  });

  it('rejects documents nested too deeply, without overflowing the stack itself', () => {
    expect(exceededLimit(nested(SCHEMA_LIMITS.maxDepth))).toMatch(/deeper than/);
    expect(exceededLimit(nested(100_000))).toMatch(/deeper than/);
  });

  it('rejects objects with too many keys', () => {
    const properties = Object.fromEntries(
      Array.from({ length: SCHEMA_LIMITS.maxPropertiesPerObject + 1 }, (_, i) => [`p${i}`, true]),
    );
    expect(exceededLimit({ properties })).toMatch(/more than .* keys/);
  });
});
