import { checkCompatibility, type ComparableSchema, type ExistingVersion } from './src/domain/compatibility/index.ts';
import { canonical } from './src/domain/compatibility/json/canonical.ts';
const comparable = (schema: unknown): ComparableSchema => ({ schemaType: 'JSON', fingerprint: canonical(schema), schema, references: new Map() });
/** Version i: the same instance set written differently (structure, order, annotations) for every i. */
function version(i: number): unknown {
  const id = [{ type: 'integer', minimum: 0 }, { type: 'integer', exclusiveMinimum: -1 }, { type: ['integer'], minimum: 0 }][i % 3];
  const name = [{ type: 'string', maxLength: 64 }, { allOf: [{ type: 'string' }, { maxLength: 64 }] }][i % 2];
  const kinds = ['a', 'b', 'c'];
  const props: [string, unknown][] = [
    ['id', { ...id, description: `identifier, revision ${i}` }],
    ['name', { ...name, title: `name ${i % 7}` }],
    ['tags', { type: 'array', items: { type: 'string' }, $comment: `c${i}` }],
    ['kind', { enum: [...kinds.slice(i % 3), ...kinds.slice(0, i % 3)] }],
    ['meta', { type: 'object', properties: { at: { type: 'string', format: 'date-time' } }, additionalProperties: false }],
  ];
  const rotated = [...props.slice(i % props.length), ...props.slice(0, i % props.length)];
  return { $id: `urn:v${i}`, title: `Event v${i}`, description: `revision ${i}`, type: 'object', properties: Object.fromEntries(rotated), required: ['id'], additionalProperties: false };
}

const existing: ExistingVersion[] = Array.from({ length: 1000 }, (_, i) => ({ ...comparable(version(i + 1)), version: 1000 - i }));
const times: number[] = [];
for (let run = 0; run < 60; run++) {
  const proposed = comparable({ ...(version(5000 + run) as object), description: `proposed ${run}` });
  const c0 = process.cpuUsage(); checkCompatibility("FULL_TRANSITIVE", proposed, existing); const c1 = process.cpuUsage(c0); times.push((c1.user + c1.system) / 1000);
}
console.log(times.map((t) => t.toFixed(0)).join(' '));
