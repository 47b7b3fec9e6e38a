import { describe, expect, it } from 'vitest';
import { inspectDocument } from './inspect.ts';
import { DEFAULT_SCHEMA_LIMITS as SCHEMA_LIMITS } from './limits.ts';

const nested = (depth: number): unknown => {
  let doc: unknown = { type: 'string' };
  for (let i = 0; i < depth; i++) doc = { properties: { a: doc } };
  return doc;
};

const exceededLimit = (doc: unknown): string | undefined => inspectDocument(doc, 'draft-07', new Map()).limit;

describe('size limits', () => {
  it('accepts ordinary documents', () => {
    expect(exceededLimit(nested(10))).toBeUndefined();
    expect(exceededLimit(true)).toBeUndefined();
  });

  it('rejects documents nested too deeply, without overflowing the stack itself', () => {
    expect(exceededLimit(nested(SCHEMA_LIMITS.maxDepth))).toMatch(/deeper than/);
    expect(exceededLimit(nested(100_000))).toMatch(/deeper than/);
  });

  it('counts nesting inside instance data and unknown keywords too', () => {
    let data: unknown = 1;
    for (let i = 0; i < SCHEMA_LIMITS.maxDepth; i++) data = [data];
    expect(exceededLimit({ enum: [data] })).toMatch(/deeper than/);
    expect(exceededLimit({ 'x-ext': data })).toMatch(/deeper than/);
  });

  it('rejects objects with too many keys', () => {
    const properties = Object.fromEntries(
      Array.from({ length: SCHEMA_LIMITS.maxPropertiesPerObject + 1 }, (_, i) => [`p${i}`, true]),
    );
    expect(exceededLimit({ properties })).toMatch(/more than .* keys/);
    expect(exceededLimit({ default: properties })).toMatch(/more than .* keys/);
  });

  it('rejects documents with too many values and numbers JSON cannot hold', () => {
    const many = Array.from({ length: SCHEMA_LIMITS.maxNodes }, () => 0);
    expect(exceededLimit({ default: many })).toMatch(
      /more than .* JSON values \(limit 200000, MAX_SCHEMA_NODES\)/,
    );
    expect(exceededLimit({ maximum: Number.POSITIVE_INFINITY })).toMatch(/too large to represent/);
  });

  it('rejects an enum with more members than the limit, and accepts one at the limit', () => {
    const members = (n: number) => ({ enum: Array.from({ length: n }, (_, i) => i) });
    expect(exceededLimit(members(SCHEMA_LIMITS.maxEnumMembers))).toBeUndefined();
    expect(exceededLimit(members(SCHEMA_LIMITS.maxEnumMembers + 1))).toMatch(
      /enum .* more than 10000 members \(limit 10000, MAX_SCHEMA_ENUM_MEMBERS\)/,
    );
  });
});
