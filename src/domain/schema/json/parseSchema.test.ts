import { describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { parseSchema } from './parseSchema.ts';

const json = (doc: unknown): string => JSON.stringify(doc);
const parse = (
  schema: string,
  options: { normalize?: boolean; schemaType?: string; references?: Map<string, unknown> } = {},
) =>
  parseSchema(
    {
      schemaType: options.schemaType ?? 'JSON',
      schema,
      references: [...(options.references?.keys() ?? [])].map((name, i) => ({
        name,
        subject: `s${i}`,
        version: 1,
      })),
    },
    options.references ?? new Map(),
    { normalize: options.normalize ?? false },
  );

function rejection(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('parseSchema', () => {
  it('keeps key order in the canonical text and sorts keys when normalising', () => {
    const text = '{ "type": "object",\n "properties": { "b": {"type":"string"}, "a": {"type":"integer"} } }';
    expect(parse(text).canonical).toBe(
      '{"type":"object","properties":{"b":{"type":"string"},"a":{"type":"integer"}}}',
    );
    expect(parse(text, { normalize: true }).canonical).toBe(
      '{"properties":{"a":{"type":"integer"},"b":{"type":"string"}},"type":"object"}',
    );
  });

  it('normalises __proto__ as an ordinary property name', () => {
    const text = '{"properties":{"z":{},"__proto__":{"type":"string"}},"type":"object"}';
    const parsed = parse(text, { normalize: true });
    expect(parsed.canonical).toBe('{"properties":{"__proto__":{"type":"string"},"z":{}},"type":"object"}');
    expect(Object.getPrototypeOf((parsed.schema as { properties: object }).properties)).toBe(
      Object.prototype,
    );
  });

  it('gives whitespace variants one fingerprint and different documents different ones', () => {
    const a = parse('{"type":"string"}');
    expect(parse('{ "type" : "string" }').fingerprint).toBe(a.fingerprint);
    expect(parse('{"type":"integer"}').fingerprint).not.toBe(a.fingerprint);
    expect(parse('{"b":1,"type":"string"}'.replace('"b":1,', '')).fingerprint).toBe(a.fingerprint);
  });

  it('lets key order matter without normalize and not with it', () => {
    const ab = '{"type":"object","title":"t"}';
    const ba = '{"title":"t","type":"object"}';
    expect(parse(ab).fingerprint).not.toBe(parse(ba).fingerprint);
    expect(parse(ab, { normalize: true }).fingerprint).toBe(parse(ba, { normalize: true }).fingerprint);
  });

  it('accepts boolean schemas and every supported draft', () => {
    expect(parse('true').schema).toBe(true);
    for (const uri of [
      'http://json-schema.org/draft-04/schema#',
      'http://json-schema.org/draft-06/schema#',
      'https://json-schema.org/draft-07/schema',
      'https://json-schema.org/draft/2019-09/schema',
      'https://json-schema.org/draft/2020-12/schema',
    ]) {
      expect(parse(json({ $schema: uri, type: 'string' })).canonical).toContain(uri);
    }
    expect(parse(json({ $schema: 'https://json-schema.org/draft/2020-12/schema' })).draft).toBe('2020-12');
  });

  it.each([
    ['not JSON', '{"type":', /not valid JSON/],
    ['an array', '[1,2]', /object or a boolean/],
    ['a number', '5', /object or a boolean/],
    ['an unknown $schema', json({ $schema: 'http://example.com/my-meta' }), /Unknown \$schema/],
    ['a meta-schema violation', json({ type: 'strnig' }), /not a valid JSON Schema/],
    ['an invalid regex', json({ type: 'string', pattern: '([a-z' }), /cannot be compiled/],
    ['an unresolvable $ref', json({ $ref: 'https://example.com/other.json' }), /cannot be resolved/],
    [
      'a bad local pointer',
      json({ properties: { a: { $ref: '#/definitions/missing' } } }),
      /cannot be resolved/,
    ],
    [
      'a $ref cycle',
      json({
        definitions: { a: { $ref: '#/definitions/b' }, b: { $ref: '#/definitions/a' } },
        $ref: '#/definitions/a',
      }),
      /cycle/,
    ],
  ])('rejects %s with 42201', (_name, text, message) => {
    const error = rejection(() => parse(text));
    expect(error.kind).toBe('INVALID_SCHEMA');
    expect(error.message).toMatch(message);
  });

  it('accepts a plain id outside draft-04 as an annotation, and keeps it in the canonical text', () => {
    // Apicurio's conformance case "Basic: meta": valid JSON Schema that ajv used to refuse.
    const meta = json({
      $schema: 'http://json-schema.org/draft-07/schema#',
      id: 'http://apicur.io/example.json',
    });
    expect(parse(meta).canonical).toBe(meta);
    expect(() => parse(json({ properties: { a: { id: 'a', type: 'string' } } }))).not.toThrow();
    expect(() =>
      parse(json({ $schema: 'https://json-schema.org/draft/2020-12/schema', id: 5, type: 'string' })),
    ).not.toThrow();
  });

  it('checks $refs even in definitions nothing uses', () => {
    const error = rejection(() =>
      parse(json({ definitions: { unused: { $ref: 'missing.json' } }, type: 'object' })),
    );
    expect(error.message).toMatch(/missing\.json/);
  });

  it('resolves local pointers, anchors and embedded $ids', () => {
    expect(() =>
      parse(json({ definitions: { a: { type: 'string' } }, properties: { x: { $ref: '#/definitions/a' } } })),
    ).not.toThrow();
    expect(() =>
      parse(
        json({
          $schema: 'https://json-schema.org/draft/2020-12/schema',
          $defs: { a: { $anchor: 'name', type: 'string' } },
          properties: { x: { $ref: '#name' } },
        }),
      ),
    ).not.toThrow();
    expect(() =>
      parse(
        json({
          $id: 'https://example.com/root.json',
          definitions: { a: { $id: 'a.json', type: 'string' } },
          $ref: 'a.json',
        }),
      ),
    ).not.toThrow();
  });

  it('resolves a $ref to a registry reference by name, never over the network', () => {
    const references = new Map<string, unknown>([
      ['https://example.com/address.json', { $id: 'https://example.com/address.json', type: 'object' }],
    ]);
    const parsed = parse(json({ properties: { home: { $ref: 'https://example.com/address.json' } } }), {
      references,
    });
    expect(parsed.references.get('https://example.com/address.json')).toBeDefined();
    expect(parsed.referenceList).toEqual([
      { name: 'https://example.com/address.json', subject: 's0', version: 1 },
    ]);
  });

  it('rejects AVRO, PROTOBUF and unknown types, and points JSON-looking schemas at schemaType JSON', () => {
    expect(
      rejection(() => parse('{"type":"record","name":"r","fields":[]}', { schemaType: 'AVRO' })).message,
    ).toMatch(/AVRO is not supported/);
    expect(rejection(() => parse('syntax = "proto3";', { schemaType: 'PROTOBUF' })).message).toMatch(
      /PROTOBUF is not supported/,
    );
    expect(rejection(() => parse('{}', { schemaType: 'XML' })).message).toMatch(/Unknown schemaType/);
    const absent = (text: string) =>
      rejection(() => parseSchema({ schema: text }, new Map(), { normalize: false })).message;
    expect(absent(json({ type: 'object', properties: { a: { type: 'string' } } }))).toMatch(
      /"schemaType": "JSON"/,
    );
    expect(absent(json({ type: 'record', name: 'r', fields: [] }))).toMatch(/AVRO .*not supported/);
  });

  it('includes metadata and rule set in the identity', () => {
    const base = { schemaType: 'JSON', schema: '{"type":"string"}' };
    const plain = parseSchema(base, new Map(), { normalize: false });
    const tagged = parseSchema({ ...base, metadata: { properties: { owner: 'team-a' } } }, new Map(), {
      normalize: false,
    });
    expect(tagged.fingerprint).not.toBe(plain.fingerprint);
    expect(tagged.metadata).toEqual({ properties: { owner: 'team-a' } });
  });

  it('sorts and de-duplicates references when normalising', () => {
    const references = new Map<string, unknown>([
      ['b.json', { type: 'string' }],
      ['a.json', { type: 'integer' }],
    ]);
    const input = {
      schemaType: 'JSON',
      schema: json({ properties: { a: { $ref: 'a.json' }, b: { $ref: 'b.json' } } }),
      references: [
        { name: 'b.json', subject: 'b', version: 1 },
        { name: 'a.json', subject: 'a', version: 2 },
        { name: 'b.json', subject: 'b', version: 1 },
      ],
    };
    expect(parseSchema(input, references, { normalize: true }).referenceList.map((r) => r.name)).toEqual([
      'a.json',
      'b.json',
    ]);
    expect(parseSchema(input, references, { normalize: false }).referenceList.map((r) => r.name)).toEqual([
      'b.json',
      'a.json',
    ]);
  });
});
