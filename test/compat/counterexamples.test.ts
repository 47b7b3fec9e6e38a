/**
 * Every counterexample the engine returns over the conformance data is re-checked with ajv (writer
 * accepts, reader with defaults rejects), and the share of incompatible verdicts carrying one is ≥ 0.9.
 */
import { describe, expect, it } from 'vitest';
import { checkPair } from '../../src/domain/compatibility/index.ts';
import { canonical } from '../../src/domain/compatibility/json/canonical.ts';
import { createAjv, detectDraft } from '../../src/domain/schema/json/drafts.ts';
import { CASES, comparable, existing, type Direction } from './conformance-data.ts';

const compiled = new Map<string, (doc: unknown) => unknown>();

function validate(schema: unknown, doc: unknown, useDefaults: boolean): boolean {
  const key = `${useDefaults}|${canonical(schema)}`;
  let fn = compiled.get(key);
  if (fn === undefined) {
    const draft = detectDraft(schema) ?? 'draft-07';
    try {
      fn = createAjv(draft, { useDefaults }).compile(schema as object);
    } catch {
      fn = createAjv(draft, { useDefaults, validateSchema: false }).compile(schema as object);
    }
    compiled.set(key, fn);
  }
  return fn(structuredClone(doc)) === true;
}

describe('counterexamples over the conformance data', () => {
  it('are all confirmed by ajv, and ≥ 90% of incompatible verdicts carry one', () => {
    let incompatible = 0;
    let withCounterexample = 0;
    for (const c of CASES) {
      for (const direction of ['BACKWARD', 'FORWARD'] as Direction[]) {
        const result = checkPair(comparable(c.updated), existing(c.original), [direction]);
        if (result.compatible) continue;
        incompatible++;
        const [writer, reader] = direction === 'BACKWARD' ? [c.original, c.updated] : [c.updated, c.original];
        const found = result.violations.filter((v) => 'counterexample' in v);
        for (const v of found) {
          expect([c.index, direction, v.counterexample, validate(writer, v.counterexample, false)]).toEqual([
            c.index,
            direction,
            v.counterexample,
            true,
          ]);
          expect([c.index, direction, v.counterexample, validate(reader, v.counterexample, true)]).toEqual([
            c.index,
            direction,
            v.counterexample,
            false,
          ]);
        }
        if (found.length > 0) withCounterexample++;
      }
    }
    const share = withCounterexample / incompatible;
    console.log(
      `counterexample share: ${withCounterexample}/${incompatible} incompatible verdicts = ${(share * 100).toFixed(1)}%`,
    );
    expect(share).toBeGreaterThanOrEqual(0.9);
  });
});
