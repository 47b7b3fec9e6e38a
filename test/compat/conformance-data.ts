/**
 * The Apicurio JSON Schema compatibility cases (test/conformance/apicurio-json) and the documented
 * exceptions: cases that are wrong under instance-set semantics, each with the document that proves it.
 */
import { readFileSync } from 'node:fs';
import type { ComparableSchema, ExistingVersion } from '../../src/domain/compatibility/index.ts';
import { canonical } from '../../src/domain/compatibility/json/canonical.ts';

export interface ConformanceCase {
  readonly index: number;
  readonly id: string;
  readonly enabled: boolean;
  readonly compatibility: 'backward' | 'both' | 'none';
  readonly original: unknown;
  readonly updated: unknown;
}

const url = new URL('../conformance/apicurio-json/compatibility-test-data.json', import.meta.url);

export const CASES: readonly ConformanceCase[] = (
  JSON.parse(readFileSync(url, 'utf8')) as { tests: Omit<ConformanceCase, 'index'>[] }
).tests.map((t, index) => ({ ...t, index }));

export type Direction = 'BACKWARD' | 'FORWARD';

/** What the data says: `backward` → BACKWARD passes only; `both` → both pass; `none` → neither. */
export function expected(c: ConformanceCase, direction: Direction): boolean {
  return direction === 'BACKWARD' ? c.compatibility !== 'none' : c.compatibility === 'both';
}

export function comparable(schema: unknown): ComparableSchema {
  return { schemaType: 'JSON', fingerprint: canonical(schema), schema, references: new Map() };
}

export function existing(schema: unknown): ExistingVersion {
  return { ...comparable(schema), version: 1 };
}

/**
 * How an exception is proven:
 * - `counterexample`: the case says compatible; the document is accepted by the writer and rejected by
 *   the reader (ajv), so the case is wrong and the engine's "incompatible" is right.
 * - `annotation`: the case says incompatible, but the schemas differ only in annotation keywords
 *   (`format`, `contentEncoding`, `contentMediaType`; formats are annotations by convention); the
 *   document is the kind the case worries about and both schemas accept it.
 * - `equivalent`: the case says incompatible; the document (the change's apparent counterexample) is
 *   rejected by the writer, and the two schemas agree on every document of an exhaustive grid.
 */
export interface ConformanceException {
  readonly index: number;
  readonly id: string;
  readonly direction: Direction;
  readonly proof: 'counterexample' | 'annotation' | 'equivalent';
  readonly document: unknown;
  readonly why: string;
}

const annotation = (
  index: number,
  id: string,
  direction: Direction,
  document: unknown,
  why: string,
): ConformanceException => ({
  index,
  id,
  direction,
  proof: 'annotation',
  document,
  why,
});

export const EXCEPTIONS: readonly ConformanceException[] = [
  annotation(
    13,
    'String: format 1',
    'FORWARD',
    'not a date-time',
    'format is an annotation: dropping it changes no instance set',
  ),
  annotation(
    14,
    'String: format 2',
    'BACKWARD',
    '2020-01-01T00:00:00Z',
    'a date-time that is not a date is still valid: format is an annotation',
  ),
  annotation(
    14,
    'String: format 2',
    'FORWARD',
    '2020-01-01',
    'a date that is not a date-time is still valid: format is an annotation',
  ),
  annotation(
    100,
    'String: contentEncoding 2',
    'FORWARD',
    '!!not base64!!',
    'contentEncoding is an annotation',
  ),
  annotation(101, 'String: contentEncoding 3', 'BACKWARD', 'aGVsbG8=', 'contentEncoding is an annotation'),
  annotation(
    101,
    'String: contentEncoding 3',
    'FORWARD',
    '!!not base64!!',
    'contentEncoding is an annotation',
  ),
  annotation(103, 'String: contentMediaType 2', 'FORWARD', 'not a PNG', 'contentMediaType is an annotation'),
  annotation(
    104,
    'String: contentMediaType 3',
    'BACKWARD',
    'a PNG, perhaps',
    'contentMediaType is an annotation',
  ),
  annotation(
    104,
    'String: contentMediaType 3',
    'FORWARD',
    'a JPEG, perhaps',
    'contentMediaType is an annotation',
  ),
  {
    index: 117,
    id: 'Complex: oneOf 1',
    direction: 'BACKWARD',
    proof: 'counterexample',
    document: 'abcdefg',
    why: 'a 7-character string matches only the string branch of the old oneOf, but both branches of the new one (oneOf is exclusive)',
  },
  {
    index: 119,
    id: 'Complex: oneOf 3',
    direction: 'BACKWARD',
    proof: 'counterexample',
    document: 'abc',
    why: '"abc" matches the single old branch, but both new branches (string and maxLength 5), so the new oneOf rejects it',
  },
  {
    index: 124,
    id: 'Conditional: if',
    direction: 'FORWARD',
    proof: 'equivalent',
    document: { case: 'lowerCase', data: 'abc' },
    why: 'the top-level enum restricts "case" to lower/upper, so widening the if-enum by "lowerCase" changes nothing: both schemas accept the same documents',
  },
];

/** Every combination of the properties the conditional cases talk about (for `equivalent` proofs). */
export function conditionalGrid(): unknown[] {
  const cases = [undefined, 'lower', 'upper', 'lowerCase', 'other', 1, null];
  const data = [undefined, 'abc', 'ABC', 'aB', '', '1', 1, null];
  const out: unknown[] = [];
  for (const c of cases)
    for (const d of data)
      out.push({ ...(c !== undefined && { case: c }), ...(d !== undefined && { data: d }) });
  out.push('x', 1, null, [], { extra: true });
  return out;
}
