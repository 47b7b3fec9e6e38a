import fc from 'fast-check';
import { pairArbitrary } from './test/compat/harness.ts';
import { diff } from './src/domain/compatibility/json/index.ts';
const samples = fc.sample(pairArbitrary(), { seed: 42, numRuns: 300 });
let worst: any; let wt = 0;
for (const c of samples) { const t = performance.now(); diff({ schema: c.old }, { schema: c.next }, 'STRICT', { counterexamples: false }); const d = performance.now() - t; if (d > wt) { wt = d; worst = c; } }
console.log(wt);
const t = performance.now(); diff({ schema: worst.old }, { schema: worst.next, fingerprint: 'x2' }, 'STRICT', { counterexamples: false }); console.log('again fresh fp', performance.now() - t);
import { writeFileSync } from 'node:fs'; writeFileSync('/tmp/worst.json', JSON.stringify(worst));
