import { describe, expect, it } from 'vitest';
import { canonical } from './json/canonical.ts';
import {
  checkCompatibility,
  checkPair,
  COMPATIBILITY_LEVELS,
  directionsOf,
  isTransitive,
  type CompatibilityLevel,
  type ComparableSchema,
  type ExistingVersion,
} from './index.ts';

const schema = (doc: unknown, schemaType = 'JSON'): ComparableSchema => ({
  schemaType,
  fingerprint: `${schemaType}:${canonical(doc)}`,
  schema: doc,
  references: new Map(),
});
const version = (doc: unknown, n: number, schemaType = 'JSON'): ExistingVersion => ({
  ...schema(doc, schemaType),
  version: n,
});

const closed = (props: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties: props,
  required,
  additionalProperties: false,
});
const V1 = closed({ a: { type: 'string' } });
const V2 = closed({ a: { type: 'string' }, b: { type: 'integer' } });
const V3 = closed({ a: { type: 'string' }, b: { type: 'integer' } }, ['b']);

describe('levels', () => {
  it.each([
    ['NONE', [], false],
    ['BACKWARD', ['BACKWARD'], false],
    ['BACKWARD_TRANSITIVE', ['BACKWARD'], true],
    ['FORWARD', ['FORWARD'], false],
    ['FORWARD_TRANSITIVE', ['FORWARD'], true],
    ['FULL', ['BACKWARD', 'FORWARD'], false],
    ['FULL_TRANSITIVE', ['BACKWARD', 'FORWARD'], true],
  ] as const)('%s', (level, directions, transitive) => {
    expect(COMPATIBILITY_LEVELS).toContain(level);
    expect(directionsOf(level)).toEqual(directions);
    expect(isTransitive(level)).toBe(transitive);
  });
});

describe('checkCompatibility', () => {
  const existing = [version(V2, 2), version(V1, 1)];

  it.each<[CompatibilityLevel, unknown, boolean]>([
    ['NONE', { type: 'integer' }, true],
    ['BACKWARD', V3, false],
    ['BACKWARD', closed({ a: { type: 'string' }, b: { type: 'number' } }), true],
    ['FORWARD', V1, true],
    ['FORWARD', closed({ a: { type: 'string' }, b: { type: 'integer' }, c: {} }), false],
    ['FULL', V2, true],
    ['FULL', V1, false],
  ])('%s with %j → %s', (level, proposed, compatible) => {
    expect(checkCompatibility(level, schema(proposed), existing).compatible).toBe(compatible);
  });

  it('is compatible with no existing versions', () => {
    expect(checkCompatibility('FULL_TRANSITIVE', schema({ type: 'integer' }), [])).toEqual({
      compatible: true,
      violations: [],
    });
  });

  it('non-transitive levels compare with the newest version only', () => {
    const history = [version({ type: 'number' }, 2), version({ type: 'string' }, 1)];
    expect(checkCompatibility('BACKWARD', schema({ type: 'number' }), history).compatible).toBe(true);
    const transitive = checkCompatibility('BACKWARD_TRANSITIVE', schema({ type: 'number' }), history);
    expect(transitive.compatible).toBe(false);
    expect(transitive.violations.every((v) => v.oldVersion === 1)).toBe(true);
  });

  it('transitive levels stop at the first failing version, newest first', () => {
    const history = [
      version({ type: 'string', maxLength: 5 }, 3),
      version({ type: 'string', maxLength: 9 }, 2),
      version({ type: 'integer' }, 1),
    ];
    const result = checkCompatibility(
      'BACKWARD_TRANSITIVE',
      schema({ type: 'string', maxLength: 5 }),
      history,
    );
    expect(result.violations.map((v) => v.oldVersion)).toEqual([2]);
  });

  it('FULL concatenates the violations of both directions', () => {
    const result = checkCompatibility('FULL', schema({ type: 'string', maxLength: 12, minLength: 1 }), [
      version({ type: 'string', maxLength: 9 }, 1),
    ]);
    expect(new Set(result.violations.map((v) => v.direction))).toEqual(new Set(['BACKWARD', 'FORWARD']));
  });
});

describe('checkPair', () => {
  it('explains violations with paths into old and new, a sentence and a counterexample', () => {
    const old = version({ type: 'object', properties: { a: { type: 'string' } } }, 4);
    const proposed = schema({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      required: ['a', 'b'],
    });
    const [v] = checkPair(proposed, old, ['BACKWARD']).violations;
    expect(v).toMatchObject({
      rule: 'REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL',
      oldPath: '#/properties/b',
      newPath: '#/properties/b',
      direction: 'BACKWARD',
      oldVersion: 4,
    });
    expect(v?.message).toContain('#/properties/b');
    expect(v?.counterexample).toEqual({});
  });

  it('FORWARD paths still point into the old and the new schema respectively', () => {
    const old = version({ type: 'object', properties: { x: { type: 'string', maxLength: 3 } } }, 1);
    const proposed = schema({ type: 'object', properties: { x: { type: 'string', maxLength: 5 } } });
    const [v] = checkPair(proposed, old, ['FORWARD']).violations;
    expect(v).toMatchObject({
      rule: 'MAX_LENGTH_DECREASED',
      oldPath: '#/properties/x',
      newPath: '#/properties/x',
      direction: 'FORWARD',
    });
    expect(v?.counterexample).toEqual({ x: 'aaaa' });
  });

  it('rejects a schema type change and unsupported schema types', () => {
    expect(checkPair(schema({}, 'AVRO'), version({}, 1), ['BACKWARD']).violations[0]?.rule).toBe(
      'SCHEMA_TYPE_CHANGED',
    );
    expect(checkPair(schema({}, 'AVRO'), version({}, 1, 'AVRO'), ['BACKWARD']).violations[0]?.rule).toBe(
      'UNSUPPORTED_SCHEMA_TYPE',
    );
  });

  it('applies the LENIENT policy', () => {
    const old = version({ type: 'object', properties: { a: {} } }, 1);
    const proposed = schema({ type: 'object', properties: { a: {}, b: { type: 'string' } } });
    expect(checkPair(proposed, old, ['BACKWARD'], 'STRICT').compatible).toBe(false);
    expect(checkPair(proposed, old, ['BACKWARD'], 'LENIENT').compatible).toBe(true);
  });

  it('returns copies: callers cannot corrupt the memo', () => {
    const old = version({ type: 'string', maxLength: 9 }, 1);
    const proposed = schema({ type: 'string', maxLength: 5 });
    const first = checkPair(proposed, old, ['BACKWARD']);
    const v = first.violations[0];
    if (v) v.message = 'changed';
    expect(checkPair(proposed, old, ['BACKWARD']).violations[0]?.message).not.toBe('changed');
  });
});
