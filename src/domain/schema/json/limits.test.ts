import { describe, expect, it } from 'vitest';
import { inspectDocument } from './inspect.ts';
import { SCHEMA_LIMITS } from './limits.ts';

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
    expect(exceededLimit({ enum: many })).toMatch(/more than .* JSON values/);
    expect(exceededLimit({ maximum: Number.POSITIVE_INFINITY })).toMatch(/too large to represent/);
  });
});
