/**
 * Apicurio's 145 JSON Schema compatibility cases, both directions. All cases are enabled in the data
 * (none is skipped). Disagreements are only the documented exceptions, each proven with ajv here.
 */
import { describe, expect, it } from 'vitest';
import { checkPair } from '../../src/domain/compatibility/index.ts';
import { canonical, isRecord } from '../../src/domain/compatibility/json/canonical.ts';
import { createAjv, detectDraft } from '../../src/domain/schema/json/drafts.ts';
import {
  CASES,
  comparable,
  conditionalGrid,
  EXCEPTIONS,
  existing,
  expected,
  type ConformanceException,
  type Direction,
} from './conformance-data.ts';

const DIRECTIONS: readonly Direction[] = ['BACKWARD', 'FORWARD'];
const ANNOTATIONS = ['format', 'contentEncoding', 'contentMediaType'];

const compiled = new Map<string, (doc: unknown) => unknown>();

function validate(schema: unknown, doc: unknown, useDefaults = false): boolean {
  const key = `${useDefaults}|${canonical(schema)}`;
  let fn = compiled.get(key);
  if (fn === undefined) {
    fn = createAjv(detectDraft(schema) ?? 'draft-07', { useDefaults }).compile(schema as object);
    compiled.set(key, fn);
  }
  return fn(structuredClone(doc)) === true;
}

function stripAnnotations(schema: unknown): unknown {
  if (!isRecord(schema)) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([k]) => !ANNOTATIONS.includes(k))
      .map(([k, v]) => [k, stripAnnotations(v)]),
  );
}

function verdict(index: number, direction: Direction): boolean {
  const c = CASES[index];
  if (c === undefined) throw new Error(`no case ${index}`);
  return checkPair(comparable(c.updated), existing(c.original), [direction]).compatible;
}

function exceptionFor(index: number, direction: Direction): ConformanceException | undefined {
  return EXCEPTIONS.find((e) => e.index === index && e.direction === direction);
}

describe('Apicurio JSON Schema conformance data', () => {
  it('has 145 enabled cases', () => {
    expect(CASES).toHaveLength(145);
    expect(CASES.every((c) => c.enabled)).toBe(true);
  });

  describe.each(CASES.map((c) => [c.index, c.id, c] as const))('#%i %s', (index, _id, c) => {
    it.each(DIRECTIONS)('%s', (direction) => {
      const exception = exceptionFor(index, direction);
      const want = exception === undefined ? expected(c, direction) : !expected(c, direction);
      expect(verdict(index, direction)).toBe(want);
    });
  });
});

describe('documented exceptions are proven with ajv', () => {
  it('every exception names a real case and contradicts it', () => {
    for (const e of EXCEPTIONS) {
      expect(CASES[e.index]?.id).toBe(e.id);
    }
  });

  it.each(EXCEPTIONS.map((e) => [e.index, e.direction, e] as const))('#%i %s', (index, direction, e) => {
    const c = CASES[index];
    if (c === undefined) throw new Error('missing case');
    const [writer, reader] = direction === 'BACKWARD' ? [c.original, c.updated] : [c.updated, c.original];
    switch (e.proof) {
      case 'counterexample':
        expect(expected(c, direction)).toBe(true);
        expect(validate(writer, e.document)).toBe(true);
        expect(validate(reader, e.document, true)).toBe(false);
        break;
      case 'annotation':
        expect(expected(c, direction)).toBe(false);
        expect(canonical(stripAnnotations(writer))).toBe(canonical(stripAnnotations(reader)));
        expect(validate(writer, e.document)).toBe(true);
        expect(validate(reader, e.document, true)).toBe(true);
        break;
      case 'equivalent':
        expect(expected(c, direction)).toBe(false);
        expect(validate(writer, e.document)).toBe(false);
        for (const doc of conditionalGrid())
          expect([doc, validate(writer, doc)]).toEqual([doc, validate(reader, doc, true)]);
        break;
    }
  });
});
