import { readFileSync } from 'node:fs';
import { diff } from './src/domain/compatibility/json/index.ts';
const w = JSON.parse(readFileSync('/tmp/worst.json', 'utf8'));
for (let i = 0; i < 3; i++) { const t = performance.now(); diff({ schema: w.old, fingerprint: 'a' + i }, { schema: w.next, fingerprint: 'b' + i }, 'STRICT', { counterexamples: false }); console.log(performance.now() - t); }
