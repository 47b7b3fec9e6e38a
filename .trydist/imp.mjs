const t0 = performance.now();
await import('ajv');
const t1 = performance.now();
await import('./domain/schema/json/parseSchema.js');
const t2 = performance.now();
await import('./domain/compatibility/index.js');
const t3 = performance.now();
console.log('ajv', (t1-t0).toFixed(0), 'parse', (t2-t1).toFixed(0), 'compat', (t3-t2).toFixed(0));
