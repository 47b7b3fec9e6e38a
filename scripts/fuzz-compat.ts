/**
 * Longer soundness fuzzing of the JSON Schema compatibility engine (`npm run fuzz:compat`).
 * Usage: tsx scripts/fuzz-compat.ts [--seed N] [--runs N] [--docs N]
 * Prints every schema pair + document that breaks a BACKWARD verdict and exits 1 if any was found.
 */
import fc from 'fast-check';
import { checkPair, pairArbitrary } from '../test/compat/harness.ts';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(value) ? value : fallback;
}

const seed = option('seed', Math.floor(Math.random() * 2 ** 31));
const runs = option('runs', 2_000);
const docs = option('docs', 25);
const started = performance.now();
let pairs = 0;
let compatible = 0;
let documents = 0;
let valid = 0;
let failures = 0;

for (const pair of fc.sample(pairArbitrary(), { seed, numRuns: runs })) {
  const outcome = checkPair(pair, docs);
  if (outcome.compatible === undefined) continue;
  pairs++;
  documents += outcome.documents;
  valid += outcome.validUnderOld;
  if (outcome.compatible) compatible++;
  if (outcome.counterexample !== undefined) {
    failures++;
    console.log(
      'UNSOUND: the engine says BACKWARD-compatible, yet the new schema rejects a document the old one accepts',
    );
    console.log('  old:', JSON.stringify(pair.old));
    console.log('  new:', JSON.stringify(pair.next));
    console.log('  document:', JSON.stringify(outcome.counterexample));
  }
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `seed ${seed}: ${pairs} schema pairs (${compatible} judged compatible), ${documents} documents (${valid} valid under old), ${failures} counterexamples, ${seconds}s`,
);
process.exit(failures > 0 ? 1 : 0);
