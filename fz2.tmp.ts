import fc from 'fast-check';
import { pairArbitrary } from './test/compat/harness.ts';
import { diff, normalise } from './src/domain/compatibility/json/index.ts';
import { wideSamples } from './src/domain/compatibility/json/samples.ts';
import { createAjv } from './src/domain/schema/json/drafts.ts';
const samples = fc.sample(pairArbitrary(), { seed: 42, numRuns: 300 });
let tA = 0, tD = 0, tS = 0; const errs = new Map<string, number>(); let slow: [number, unknown, unknown][] = [];
for (const c of samples) {
  let t = performance.now();
  for (const s of [c.old, c.next]) {
    const uri = (s as any)?.$schema; const draft = uri?.includes('04') ? 'draft-04' : uri?.includes('2020') ? '2020-12' : uri?.includes('2019') ? '2019-09' : 'draft-07';
    try { createAjv(draft as any).compile(s as any); } catch (e) { const m = (e as Error).message.slice(0, 80); errs.set(m, (errs.get(m) ?? 0) + 1); }
  }
  tA += performance.now() - t; t = performance.now();
  diff({ schema: c.old }, { schema: c.next }, 'STRICT', { counterexamples: false });
  const d = performance.now() - t; tD += d; if (d > 50) slow.push([d, c.old, c.next]);
  t = performance.now();
  wideSamples(normalise({ schema: c.old }).root);
  tS += performance.now() - t;
}
console.log({ tA, tD, tS }); console.log(errs);
slow.sort((a, b) => b[0] - a[0]); for (const s of slow.slice(0, 3)) console.log(s[0], JSON.stringify(s[1]).slice(0, 600), '\n =>', JSON.stringify(s[2]).slice(0, 300));
