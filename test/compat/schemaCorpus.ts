/**
 * Schemas for the registration differential test: the Apicurio conformance schemas, the soundness
 * harness's generated schemas, hand-picked edge cases, and a generator of deliberately awkward
 * documents (bad regexes, dangling or odd `$ref`s, duplicate identifiers, anchors, dynamic references,
 * keywords ajv refuses, wrong keyword types, registry references that clash).
 */
import fc from 'fast-check';
import { evolvingSchema } from '../../bench/lib/schemas.ts';
import { CASES } from './conformance-data.ts';
import { pairArbitrary } from './harness.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface CorpusEntry {
  readonly name: string;
  readonly text: string;
  /** Registry references by name, as the registration path resolves them. */
  readonly references: ReadonlyMap<string, unknown>;
}

const entry = (name: string, doc: unknown, references = new Map<string, unknown>()): CorpusEntry => ({
  name,
  text: JSON.stringify(doc),
  references,
});

export function conformanceCorpus(): CorpusEntry[] {
  return CASES.flatMap((c) => [
    entry(`conformance #${c.index} original`, c.original),
    entry(`conformance #${c.index} updated`, c.updated),
  ]);
}

export function harnessCorpus(seed: number, pairs: number): CorpusEntry[] {
  return fc
    .sample(pairArbitrary(), { seed, numRuns: pairs })
    .flatMap((p, i) => [entry(`harness ${i} old`, p.old), entry(`harness ${i} next`, p.next)]);
}

const D04 = 'http://json-schema.org/draft-04/schema#';
const D07 = 'http://json-schema.org/draft-07/schema#';
const D2019 = 'https://json-schema.org/draft/2019-09/schema';
const D2020 = 'https://json-schema.org/draft/2020-12/schema';

/** Edge cases written by hand: each one pins a way ajv's compilation can fail or succeed. */
export function curatedCorpus(): CorpusEntry[] {
  const nested = (depth: number): Json => {
    let doc: Json = { type: 'string', pattern: '^a' };
    for (let i = 0; i < depth; i++) doc = { type: 'object', properties: { a: doc }, required: ['a'] };
    return doc;
  };
  const strings = (n: number, prefix: string): Record<string, Json> =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, { type: 'string' }]));
  const wide = Object.fromEntries(
    Array.from({ length: 3000 }, (_, i) => [`p${i}`, { type: 'string', maxLength: 200 }]),
  );
  const cases: Array<[string, Json, Map<string, unknown>?]> = [
    ['evolving 20', evolvingSchema('f', 20) as Json],
    ['evolving 400', evolvingSchema('f', 400) as Json],
    ['deep properties', nested(31)],
    ['wide properties', { type: 'object', properties: wide }],
    [
      'a large $ref target copied into a long list of properties',
      {
        definitions: { big: { properties: strings(1100, 'q') } },
        properties: { ...strings(1100, 'p'), last: { $ref: '#/definitions/big' } },
      },
    ],
    [
      'many properties sharing a few definitions',
      {
        definitions: strings(10, 'd'),
        properties: Object.fromEntries(
          Array.from({ length: 300 }, (_, i) => [`p${i}`, { $ref: `#/definitions/d${i % 10}` }]),
        ),
      },
    ],
    ['tree with $ref #', { type: 'object', properties: { child: { $ref: '#' } } }],
    ['tree with $ref # and root $id', { $id: 'http://x.com/t.json', properties: { child: { $ref: '#' } } }],
    ['$ref #/', { $id: 'http://x.com/t.json', properties: { child: { $ref: '#/' } } }],
    ['id in draft-07', { $schema: D07, id: 'http://x.com/a.json', type: 'string' }],
    ['nested id in draft-07', { properties: { a: { id: 'a', type: 'string' } } }],
    ['id in draft-04', { $schema: D04, id: 'http://x.com/a.json#', properties: { a: { id: 'b.json' } } }],
    ['unused bad pattern', { definitions: { a: { pattern: '(' } } }],
    [
      'used bad pattern',
      { definitions: { a: { pattern: '(' } }, properties: { x: { $ref: '#/definitions/a' } } },
    ],
    ['pattern valid only without u', { pattern: '\\-' }],
    ['bad patternProperties key, always-valid schema', { patternProperties: { '(': {} } }],
    [
      'bad patternProperties key, additionalProperties',
      { patternProperties: { '(': {} }, additionalProperties: false },
    ],
    ['bad pattern under unknown keyword', { 'x-ext': { pattern: '(' } }],
    ['$ref into unknown keyword', { 'x-ext': { pattern: '(' }, $ref: '#/x-ext' }],
    ['$ref into properties map', { properties: { type: { type: 'string' } }, $ref: '#/properties' }],
    ['$ref to an enum value', { enum: [{ pattern: '(' }], $ref: '#/enum/0' }],
    [
      '$ref chain',
      { definitions: { a: { $ref: '#/definitions/b' }, b: { type: 'string' } }, $ref: '#/definitions/a' },
    ],
    [
      '$ref chain to root',
      { definitions: { a: { $ref: '#' } }, properties: { x: { $ref: '#/definitions/a' } } },
    ],
    [
      '$ref with escapes',
      {
        definitions: { 'a/b': { type: 'string' }, 'a~b': {}, 'a%b': {} },
        properties: {
          x: { $ref: '#/definitions/a~1b' },
          y: { $ref: '#/definitions/a~0b' },
          z: { $ref: '#/definitions/a%25b' },
        },
      },
    ],
    ['$ref with a bad escape', { definitions: { '%': {} }, $ref: '#/definitions/%' }],
    ['$ref to $defs in draft-07', { $defs: { a: { type: 'bogus' } }, $ref: '#/$defs/a' }],
    ['$ref to $defs in 2020-12', { $schema: D2020, $defs: { a: { type: 'string' } }, $ref: '#/$defs/a' }],
    [
      '$defs entry named $id',
      { $schema: D2020, $defs: { $id: { type: 'string' }, a: {} }, $ref: '#/$defs/a' },
    ],
    ['$ref to a meta-schema', { $ref: 'http://json-schema.org/draft-07/schema#' }],
    ['dangling $ref', { $ref: 'https://example.com/other.json' }],
    ['dangling $ref under a property named default', { properties: { default: { $ref: 'missing.json' } } }],
    ['duplicate $id, same schema', { definitions: { a: { $id: 'a.json' }, b: { $id: 'a.json' } } }],
    ['duplicate anchor in draft-07', { definitions: { a: { $anchor: 'x' }, b: { $anchor: 'x' } } }],
    ['invalid anchor in draft-07', { definitions: { a: { $anchor: '1x' } } }],
    [
      'anchor ref in 2020-12',
      {
        $schema: D2020,
        $defs: { a: { $anchor: 'name', type: 'string' } },
        properties: { x: { $ref: '#name' } },
      },
    ],
    [
      'embedded $id ref',
      {
        $id: 'https://example.com/root.json',
        definitions: { a: { $id: 'a.json', type: 'string' } },
        $ref: 'a.json',
      },
    ],
    [
      '$id with fragment',
      { definitions: { a: { $id: 'http://x.com/y.json#foo' } }, $ref: 'http://x.com/y.json#foo' },
    ],
    ['nullable without type', { nullable: true }],
    ['nullable with type', { type: 'string', nullable: true }],
    ['async sub-schema', { properties: { a: { $async: true, type: 'string' } } }],
    ['empty enum in 2020-12', { $schema: D2020, enum: [] }],
    ['dynamicRef absolute', { $schema: D2020, $dynamicRef: 'http://a/b#x' }],
    ['dynamicRef local', { $schema: D2020, $dynamicAnchor: 'x', $dynamicRef: '#x' }],
    ['recursiveRef', { $schema: D2019, $recursiveAnchor: true, properties: { a: { $recursiveRef: '#' } } }],
    ['contains number in draft-04', { $schema: D04, contains: 5 }],
    ['if in draft-04 with bad type', { $schema: D04, if: { type: 'bogus' }, then: {} }],
    ['$ref number in draft-04', { $schema: D04, $ref: 5 }],
    [
      '$comment object with id in draft-04',
      { $schema: D04, $comment: { id: 'a.json' }, definitions: { a: { id: 'a.json' } } },
    ],
    ['examples object with $id', { examples: { $id: 'a.json' }, definitions: { a: { $id: 'a.json' } } }],
    ['infinite number', { maximum: 1e999 }],
    ['boolean root', true],
    ['false root', false],
    [
      'registry reference',
      { properties: { home: { $ref: 'https://example.com/address.json' } } },
      new Map([
        ['https://example.com/address.json', { $id: 'https://example.com/address.json', type: 'object' }],
      ]),
    ],
    [
      'references sharing an $id',
      { type: 'string' },
      new Map<string, unknown>([
        ['a.json', { $id: 'http://x.com/s.json' }],
        ['b.json', { $id: 'http://x.com/s.json' }],
      ]),
    ],
    [
      'reference with draft-04 keywords',
      { $ref: 'old.json' },
      new Map([['old.json', { maximum: 3, exclusiveMaximum: true }]]),
    ],
  ];
  return cases.map(([name, doc, refs]) => entry(name, doc, refs));
}

const NAMES = ['a', 'b', 'p', 'a/b', 'a~b', 'a%b', 'constructor', '$id', 'default'];
const PATTERNS = [
  '^a',
  '[a-z]+',
  '\\d+',
  '\\p{L}',
  '(?<n>a)',
  '',
  '\\-',
  '[\\w-+]',
  '\\a',
  'a{',
  '(',
  '(?<n>a)(?<n>b)',
];
const REFS = [
  '#/definitions/a',
  'f.json',
  'g.json',
  'h.json',
  'k.json',
  'l.json',
  'c.json',
  'e.json',
  '#/definitions/b',
  '#/definitions/a',
  '#/$defs/a',
  '#/properties/p',
  '#/definitions/a/properties/p',
  '#/items',
  '#/items/0',
  '#/allOf/0',
  '#/prefixItems/0',
  '#/dependencies/a',
  '#/definitions/a~1b',
  '#/definitions/a~0b',
  '#/definitions/a%25b',
  '#/definitions/%61',
  '#/definitions/constructor',
  '#/definitions/missing',
  '#/properties',
  '#/enum/0',
  '#/x-ext',
  '#',
  '#/',
  '',
  '#a',
  '#foo',
  'a.json',
  'a.json#/definitions/a',
  'http://x.com/a.json',
  'http://x.com/a.json#/definitions/a',
  'http://x.com/root.json#/definitions/a',
  'http://json-schema.org/draft-07/schema#',
  'urn:x',
];
const IDS = [
  'http://x.com/a.json',
  'a.json',
  'b.json',
  '#foo',
  '',
  'http://x.com/a.json#',
  'urn:x:y',
  'HTTP://X.COM/a.json',
];
const ROOT_IDS = [
  'http://x.com/root.json',
  'root.json',
  '#',
  '',
  'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66',
  'http://x.com/root.json#',
];
const ANCHORS = ['a', 'foo', '1bad', 'meta'];

type Entry = [string, Json];

const tree = fc.letrec<{ node: Json; entries: Entry[] }>((tie) => {
  const node = tie('node');
  const map = fc.dictionary(fc.constantFrom(...NAMES), node, { maxKeys: 3 });
  const kw = (key: string, value: fc.Arbitrary<Json>): fc.Arbitrary<Entry> =>
    value.map((v): Entry => [key, v]);
  const safe = fc.oneof(
    kw('type', fc.constantFrom<Json>('string', 'object', 'integer', 'array', ['string', 'null'], 'strnig')),
    kw('properties', map),
    kw('required', fc.constantFrom<Json>(['a'], ['a', 'p'], [], 'a')),
    kw('minLength', fc.constantFrom<Json>(0, 3, 'x')),
    kw('pattern', fc.constantFrom(...PATTERNS)),
    kw('patternProperties', fc.dictionary(fc.constantFrom(...PATTERNS), node, { maxKeys: 2 })),
    kw('additionalProperties', fc.oneof(fc.boolean(), node)),
    kw('items', fc.oneof(node, fc.array(node, { maxLength: 2 }))),
    kw('prefixItems', fc.array(node, { maxLength: 2 })),
    kw('additionalItems', node),
    kw('contains', fc.oneof(node, fc.constant<Json>(5))),
    kw('propertyNames', node),
    kw('not', node),
    kw('allOf', fc.array(node, { minLength: 1, maxLength: 2 })),
    kw('anyOf', fc.array(node, { minLength: 1, maxLength: 2 })),
    kw('oneOf', fc.array(node, { maxLength: 2 })),
    kw('if', fc.oneof(node, fc.constant<Json>(5))),
    kw('then', node),
    kw('else', node),
    kw('definitions', map),
    kw('$defs', map),
    kw(
      'dependencies',
      fc.dictionary(fc.constantFrom(...NAMES), fc.oneof(node, fc.constant<Json>(['b'])), { maxKeys: 2 }),
    ),
    kw('dependentSchemas', map),
    kw('unevaluatedProperties', node),
    kw('enum', fc.constantFrom<Json>([1, 'a'], [], [{ $id: 'a.json' }], 'x')),
    kw('const', fc.constantFrom<Json>(1, { $ref: '#/nowhere' })),
    kw('default', fc.constantFrom<Json>('d', { $id: 'a.json', $ref: 'missing.json' })),
    kw('examples', fc.constantFrom<Json>(['e'], { $id: 'a.json' }, [{ $anchor: 'a' }])),
    kw('$comment', fc.constantFrom<Json>('c', { $id: 'a.json' }, { id: 'a.json' })),
    kw('format', fc.constantFrom<Json>('email', 'no-such-format', 5)),
    kw('exclusiveMinimum', fc.constantFrom<Json>(1, true)),
    kw('minimum', fc.constantFrom<Json>(0)),
    kw('x-ext', fc.oneof(node, fc.record({ schema: node }))),
  );
  const awkward = fc.oneof(
    kw('$ref', fc.constantFrom(...REFS)),
    kw('$ref', fc.constantFrom<Json>(5)),
    kw('$id', fc.constantFrom(...IDS)),
    kw('id', fc.constantFrom(...IDS)),
    kw('$anchor', fc.constantFrom(...ANCHORS)),
    kw('$dynamicAnchor', fc.constantFrom(...ANCHORS)),
    kw('$dynamicRef', fc.constantFrom<Json>('#meta', '#a', 'x.json#a')),
    kw('$recursiveRef', fc.constantFrom<Json>('#', '#/a')),
    kw('$recursiveAnchor', fc.boolean()),
    kw('nullable', fc.constantFrom<Json>(true, false, 'x')),
    kw('$async', fc.constant<Json>(true)),
  );
  return {
    entries: fc.array(fc.oneof({ arbitrary: safe, weight: 5 }, { arbitrary: awkward, weight: 1 }), {
      maxLength: 4,
    }),
    node: fc.oneof(
      { depthSize: 'small', maxDepth: 3 },
      fc.constantFrom<Json>(true, false, {}, { type: 'string' }),
      tie('entries').map((entries) => Object.fromEntries(entries) as Json),
    ),
  };
});

/** Registry documents ajv adds and compiles without trouble (on their own). */
const PLAIN_REFERENCE_DOCS: Array<[string, unknown]> = [
  ['a.json', { type: 'string' }],
  ['http://x.com/a.json', { $id: 'http://x.com/a.json', definitions: { a: { type: 'integer' } } }],
  ['f.json', { definitions: { s: { type: 'string' } }, properties: { s: { $ref: '#/definitions/s' } } }],
  ['g.json', { properties: { a: { $ref: 'a.json' } } }],
  ['c.json', true],
  ['l.json', false],
];

const REFERENCE_DOCS: Array<[string, unknown]> = [
  ...PLAIN_REFERENCE_DOCS,
  ['r.json', { $id: 'http://x.com/a.json' }],
  ['b.json', { properties: { q: { $ref: '#/definitions/missing' } } }],
  ['c.json', true],
  ['d.json', { id: 'x', definitions: { a: { $anchor: 'a' } } }],
  ['e.json', { maximum: 3, exclusiveMaximum: true }],
  ['h.json', { $schema: D2020, prefixItems: [{ type: 'string' }] }],
  ['i.json', { $schema: D07, type: 'object', nullable: true }],
  ['#x', { type: 'integer' }],
  ['#/definitions/a', { type: 'boolean' }],
  ['http://x.com/root.json', { type: 'null' }],
  ['k.json', { $id: 'a.json', pattern: '\\-' }],
];
const isObject = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `value` in `weight` out of `weight + otherwise` cases, else null. */
const sometimes = <T>(weight: number, otherwise: number, value: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ arbitrary: value, weight }, { arbitrary: fc.constant(null), weight: otherwise });

/** Awkward documents: a root (any draft, optional identifier and definitions) over generated keywords. */
export function generatedArbitrary(): fc.Arbitrary<CorpusEntry> {
  return fc
    .tuple(
      fc.tuple(
        tree.entries,
        fc.constantFrom(undefined, D04, 'http://json-schema.org/draft-06/schema#', D07, D2019, D2020),
        sometimes(1, 2, fc.constantFrom(...ROOT_IDS)),
        sometimes(1, 1, fc.dictionary(fc.constantFrom('a', 'b', 'a/b', 'a~b'), tree.node, { maxKeys: 2 })),
        sometimes(
          1,
          3,
          fc.oneof(
            fc.subarray(PLAIN_REFERENCE_DOCS, { minLength: 1, maxLength: 3 }),
            fc.subarray(REFERENCE_DOCS, { minLength: 1, maxLength: 3 }),
          ),
        ),
      ),
      fc.nat(),
    )
    .map(([[entries, draft, id, definitions, references], pick]) => {
      const root: Record<string, Json> = {};
      if (draft !== undefined) root['$schema'] = draft;
      if (id !== null) root[draft === D04 ? 'id' : '$id'] = id;
      if (definitions !== null) root['definitions'] = definitions;
      for (const [key, value] of entries) root[key] = value;
      // Most documents with references use one of them, as registrations do.
      const used = references?.[pick % references.length];
      if (used !== undefined && pick % 4 !== 0) {
        const properties = root['properties'];
        root['properties'] = { ...(isObject(properties) ? properties : {}), r: { $ref: used[0] } };
      }
      return entry('generated', root, new Map(references ?? []));
    });
}
