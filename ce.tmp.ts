import { readFileSync } from 'node:fs';
import { diff } from './src/domain/compatibility/json/index.ts';
const data = JSON.parse(readFileSync('/work/shared/conformance/apicurio-json/compatibility-test-data.json', 'utf8')).tests;
data.forEach((c: any, i: number) => {
  for (const [dir, o, u] of [['B', c.original, c.updated], ['F', c.updated, c.original]] as const) {
    const r = diff({ schema: o }, { schema: u });
    if (r.every((d) => d.compatible)) continue;
    if (r.some((d) => d.counterexample !== undefined)) continue;
    console.log(i, dir, c.id, JSON.stringify(r.filter((d) => !d.compatible).map((d) => [d.rule, d.updatePath, d.witness ? (()=>{try{return JSON.stringify(d.witness())}catch(e){return 'ERR '+e}})() : 'nowit'])));
  }
});
