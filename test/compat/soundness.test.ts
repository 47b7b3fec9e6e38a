/**
 * Soundness, property-based with a fixed seed: whenever the engine says BACKWARD(new, old) under STRICT,
 * no document ajv accepts under old is rejected by new (reader applies defaults, formats are annotations).
 * `npm run fuzz:compat` runs the same harness longer with a random seed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPair, pairArbitrary } from './harness.ts';

const SEED = 20_240_607;
const PAIRS = 440;
const DOCS_PER_PAIR = 24;

describe('STRICT BACKWARD verdicts are sound', () => {
  it(`holds on ${PAIRS} generated schema pairs with ≥ 10,000 documents`, () => {
    const started = performance.now();
    let documents = 0;
    let valid = 0;
    let compatible = 0;
    let pairs = 0;
    const broken: unknown[] = [];
    for (const pair of fc.sample(pairArbitrary(), { seed: SEED, numRuns: PAIRS })) {
      const outcome = checkPair(pair, DOCS_PER_PAIR);
      if (outcome.compatible === undefined) continue;
      pairs++;
      documents += outcome.documents;
      valid += outcome.validUnderOld;
      if (outcome.compatible) compatible++;
      if (outcome.counterexample !== undefined)
        broken.push({ old: pair.old, next: pair.next, document: outcome.counterexample });
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `soundness: ${pairs} pairs (${compatible} compatible), ${documents} documents (${valid} valid under old), ${seconds}s`,
    );
    expect(broken).toEqual([]);
    expect(documents).toBeGreaterThanOrEqual(10_000);
    expect(compatible).toBeGreaterThan(pairs / 4);
  }, 120_000);
});
