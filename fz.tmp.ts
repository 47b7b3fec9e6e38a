import fc from 'fast-check';
import { checkPair, pairArbitrary } from './test/compat/harness.ts';
const t0 = performance.now();
let docs = 0, compat = 0, total = 0, skipped = 0, failures = 0, validDocs = 0;
const samples = fc.sample(pairArbitrary(), { seed: Number(process.argv[2] ?? 42), numRuns: Number(process.argv[3] ?? 300) });
for (const c of samples) {
  const r = checkPair(c, 20);
  if (r.compatible === undefined) { skipped++; continue; }
  total++; docs += r.documents; validDocs += r.validUnderOld; if (r.compatible) compat++;
  if (r.counterexample !== undefined) { failures++; if (failures <= 5) console.log('FAIL', JSON.stringify(c.old), '\n  =>', JSON.stringify(c.next), '\n  doc', JSON.stringify(r.counterexample)); }
}
console.log({ total, skipped, compat, docs, validDocs, failures, ms: Math.round(performance.now() - t0) });
