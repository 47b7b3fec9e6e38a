import { describe, expect, it } from 'vitest';
import type { Draft } from './drafts.ts';
import { inspectDocument } from './inspect.ts';

const vouches = (
  doc: unknown,
  draft: Draft = 'draft-07',
  references: ReadonlyMap<string, unknown> = new Map(),
): boolean => inspectDocument(doc, draft, references).surelyCompiles;

const strings = (n: number, prefix = 'p'): Record<string, unknown> =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [`${prefix}${i}`, { type: 'string', maxLength: 9 }]),
  );

describe('inspectDocument vouches for', () => {
  it('plain schemas of every draft', () => {
    const doc = { type: 'object', properties: strings(300), required: ['p1'], additionalProperties: false };
    for (const draft of ['draft-04', 'draft-06', 'draft-07', '2019-09', '2020-12'] as const) {
      expect(vouches(doc, draft), draft).toBe(true);
    }
    expect(vouches(true)).toBe(true);
  });

  it('local $refs into definitions, with or without a root $id', () => {
    const doc = {
      definitions: { name: { type: 'string' }, 'a/b': { type: 'integer' } },
      properties: { a: { $ref: '#/definitions/name' }, b: { $ref: '#/definitions/a~1b' } },
    };
    expect(vouches(doc)).toBe(true);
    expect(vouches({ $id: 'https://example.com/person.json', ...doc })).toBe(true);
    expect(vouches({ $id: 'https://example.com/tree.json', properties: { child: { $ref: '#' } } })).toBe(
      true,
    );
  });

  it('$refs to registry documents that compile in the same draft', () => {
    const address = {
      $id: 'https://example.com/address.json',
      definitions: { street: { type: 'string' } },
      properties: { street: { $ref: '#/definitions/street' } },
    };
    const references = new Map<string, unknown>([
      ['https://example.com/address.json', address],
      ['name.json', { type: 'string', maxLength: 40 }],
    ]);
    const doc = {
      properties: { home: { $ref: 'https://example.com/address.json' }, name: { $ref: 'name.json' } },
    };
    expect(vouches(doc, 'draft-07', references)).toBe(true);
    // ajv holds the references whether or not they are used.
    expect(vouches({ type: 'string' }, 'draft-07', references)).toBe(true);
  });

  it('patterns that compile with the unicode flag', () => {
    expect(vouches({ pattern: '^\\p{L}+$', patternProperties: { '^x-': {} } })).toBe(true);
  });
});

describe('inspectDocument leaves to ajv', () => {
  it.each<[string, unknown, Draft?]>([
    ['a pattern ajv cannot compile, even unused', { definitions: { a: { pattern: '\\-' } } }],
    ['a patternProperties key ajv cannot compile', { patternProperties: { '(': {} } }],
    ['a nested $id', { definitions: { a: { $id: 'a.json' } } }],
    ['an anchor', { $defs: { a: { $anchor: 'a' } } }, '2020-12'],
    ['a $ref to the root without a root $id', { properties: { child: { $ref: '#' } } }],
    [
      'a $ref ajv might follow further',
      { definitions: { a: { $ref: '#/definitions/b' }, b: {} }, $ref: '#/definitions/a' },
    ],
    ['a $ref elsewhere', { $ref: 'other.json' }],
    ['nullable', { type: 'string', nullable: true }],
    ['$async', { properties: { a: { $async: true, type: 'string' } } }],
    ['an empty enum', { enum: [] }, '2020-12'],
    [
      'a keyword ajv compiles that the meta-schema does not check',
      { contains: { type: 'bogus' } },
      'draft-04',
    ],
    ['a dynamic reference', { $dynamicRef: '#meta' }, '2020-12'],
    ['an identifier under an unknown keyword', { 'x-ext': { $id: 'a.json' } }],
  ])('%s', (_name, doc, draft) => {
    expect(vouches(doc, draft ?? 'draft-07')).toBe(false);
  });

  it('registry references ajv might not add or compile', () => {
    const doc = { properties: { a: { $ref: 'a.json' } } };
    const refs = (...entries: Array<[string, unknown]>) => new Map(entries);
    expect(
      vouches(doc, 'draft-07', refs(['a.json', { $schema: 'https://json-schema.org/draft/2020-12/schema' }])),
    ).toBe(false);
    expect(vouches(doc, 'draft-07', refs(['a.json', { $id: 'x.json' }], ['b.json', { $id: 'x.json' }]))).toBe(
      false,
    );
    expect(vouches(doc, 'draft-07', refs(['a.json', { type: 'string', pattern: '(' }]))).toBe(false);
    expect(vouches(doc, 'draft-07', refs(['a.json', { maximum: 3, exclusiveMaximum: true }]))).toBe(false);
    expect(vouches(doc, 'draft-07', refs(['a.json', { definitions: { b: { $id: 'b.json' } } }]))).toBe(false);
    expect(vouches(doc, 'draft-07', refs(['b.json', { type: 'string' }]))).toBe(false);
  });

  it("schemas long enough for ajv's generated code to approach V8's nesting limit", () => {
    expect(vouches({ properties: strings(900) })).toBe(true);
    expect(vouches({ properties: strings(1200) })).toBe(false);
    // ajv copies a $ref's target (when it has no $ref itself) into the referring code.
    const copied = {
      definitions: { big: { properties: strings(600, 'q') } },
      properties: { ...strings(600), last: { $ref: '#/definitions/big' } },
    };
    expect(vouches(copied)).toBe(false);
  });
});
