/**
 * Compatibility engine benchmark: (a) checks per second over the Apicurio conformance pairs, memo
 * cold vs warm; (b) FULL_TRANSITIVE of one new schema against 1,000 distinct registered versions;
 * (c) the same pairs through `json-schema-diff` for a speed ratio and verdict disagreements.
 * Run directly with `tsx bench/compat.ts`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import jsonSchemaDiff from 'json-schema-diff';
import {
  checkCompatibility,
  checkPair,
  clearCompatibilityMemo,
  type ComparableSchema,
  type Direction,
  type ExistingVersion,
} from '../src/domain/compatibility/index.ts';
import { canonical } from '../src/domain/compatibility/json/canonical.ts';
import { clearNormalisationMemo, diff } from '../src/domain/compatibility/json/index.ts';

interface Case {
  readonly compatibility: 'backward' | 'both' | 'none';
  readonly original: unknown;
  readonly updated: unknown;
}

const DATA = new URL('../test/conformance/apicurio-json/compatibility-test-data.json', import.meta.url);
const DIRECTIONS: readonly Direction[] = ['BACKWARD', 'FORWARD'];

const comparable = (schema: unknown, tag = ''): ComparableSchema => ({
  schemaType: 'JSON',
  fingerprint: `${tag}${canonical(schema)}`,
  schema,
  references: new Map(),
});

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function expected(c: Case, d: Direction): boolean {
  return d === 'BACKWARD' ? c.compatibility !== 'none' : c.compatibility === 'both';
}

function conformancePairs(cases: readonly Case[]): { lines: string[]; verdicts: boolean[] } {
  const checks = cases.length * DIRECTIONS.length;
  const once = (): boolean[] =>
    cases.flatMap((c, i) =>
      DIRECTIONS.map(
        (d) => checkPair(comparable(c.updated), { ...comparable(c.original), version: i }, [d]).compatible,
      ),
    );
  clearCompatibilityMemo();
  let started = performance.now();
  const verdicts = once();
  const cold = performance.now() - started;
  started = performance.now();
  const rounds = 20;
  for (let r = 0; r < rounds; r++) once();
  const warm = (performance.now() - started) / rounds;
  clearNormalisationMemo();
  started = performance.now();
  for (const c of cases)
    for (const [o, u] of [
      [c.original, c.updated],
      [c.updated, c.original],
    ])
      diff(
        { schema: o, fingerprint: `e${canonical(o)}` },
        { schema: u, fingerprint: `e${canonical(u)}` },
        'STRICT',
        { counterexamples: false },
      );
  const engine = performance.now() - started;
  return {
    verdicts,
    lines: [
      `(a) conformance pairs, ${checks} checks: memo cleared ${((checks / cold) * 1000).toFixed(0)} checks/s (${cold.toFixed(0)} ms, incl. ajv-confirmed counterexamples); ` +
        `warm memo ${((checks / warm) * 1000).toFixed(0)} checks/s; engine only (cold normalisation, no counterexamples) ${((checks / engine) * 1000).toFixed(0)} checks/s`,
    ],
  };
}

/** Version i: the same instance set written differently (structure, order, annotations) for every i. */
function version(i: number): unknown {
  const id = [
    { type: 'integer', minimum: 0 },
    { type: 'integer', exclusiveMinimum: -1 },
    { type: ['integer'], minimum: 0 },
  ][i % 3];
  const name = [{ type: 'string', maxLength: 64 }, { allOf: [{ type: 'string' }, { maxLength: 64 }] }][i % 2];
  const kinds = ['a', 'b', 'c'];
  const props: [string, unknown][] = [
    ['id', { ...id, description: `identifier, revision ${i}` }],
    ['name', { ...name, title: `name ${i % 7}` }],
    ['tags', { type: 'array', items: { type: 'string' }, $comment: `c${i}` }],
    ['kind', { enum: [...kinds.slice(i % 3), ...kinds.slice(0, i % 3)] }],
    [
      'meta',
      {
        type: 'object',
        properties: { at: { type: 'string', format: 'date-time' } },
        additionalProperties: false,
      },
    ],
  ];
  const rotated = [...props.slice(i % props.length), ...props.slice(0, i % props.length)];
  return {
    $id: `urn:v${i}`,
    title: `Event v${i}`,
    description: `revision ${i}`,
    type: 'object',
    properties: Object.fromEntries(rotated),
    required: ['id'],
    additionalProperties: false,
  };
}

function fullTransitive(): string[] {
  const existing: ExistingVersion[] = Array.from({ length: 1000 }, (_, i) => ({
    ...comparable(version(i + 1)),
    version: 1000 - i,
  }));
  const times: number[] = [];
  const cpu: number[] = [];
  let compatible = true;
  // Run 0 also normalises the 1,000 registered versions (a registry keeps those warm): reported apart.
  let firstRun = 0;
  for (let run = 0; run <= 25; run++) {
    const proposed = comparable({ ...(version(5000 + run) as object), description: `proposed ${run}` });
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    compatible &&= checkCompatibility('FULL_TRANSITIVE', proposed, existing).compatible;
    const used = process.cpuUsage(cpuStart);
    if (run === 0) {
      firstRun = performance.now() - started;
      continue;
    }
    times.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  return [
    `(b) FULL_TRANSITIVE vs 1,000 distinct versions (both directions, every version compared, new schema cold each run), 25 runs: ` +
      `median ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms (CPU median ${percentile(cpu, 50).toFixed(1)} ms; ` +
      `a first run that also normalises the 1,000 versions: ${firstRun.toFixed(1)} ms), all compatible: ${compatible}`,
  ];
}

async function versusJsonSchemaDiff(
  cases: readonly Case[],
  ours: readonly boolean[],
  oursMs: number,
): Promise<string[]> {
  let disagreements = 0;
  let dataSidesWithUs = 0;
  let errors = 0;
  const started = performance.now();
  let k = 0;
  for (const c of cases) {
    for (const d of DIRECTIONS) {
      const [source, destination] = d === 'BACKWARD' ? [c.original, c.updated] : [c.updated, c.original];
      let theirs: boolean | undefined;
      try {
        const result = await jsonSchemaDiff.diffSchemas({
          sourceSchema: source as never,
          destinationSchema: destination as never,
        });
        theirs = !result.removalsFound;
      } catch {
        errors++;
      }
      const mine = ours[k++];
      if (theirs !== undefined && theirs !== mine) {
        disagreements++;
        if (mine === expected(c, d)) dataSidesWithUs++;
      }
    }
  }
  const theirsMs = performance.now() - started;
  return [
    `(c) json-schema-diff on the same ${ours.length} checks: ${theirsMs.toFixed(0)} ms (${((ours.length / theirsMs) * 1000).toFixed(0)} checks/s), ` +
      `our engine ${(theirsMs / oursMs).toFixed(1)}× faster; ${disagreements} verdicts disagree (conformance data sides with us on ${dataSidesWithUs}); ${errors} pairs it could not process`,
  ];
}

export async function benchCompat(): Promise<{ lines: string[] }> {
  const cases = (JSON.parse(readFileSync(DATA, 'utf8')) as { tests: Case[] }).tests;
  const a = conformancePairs(cases);
  clearNormalisationMemo();
  const started = performance.now();
  for (const c of cases)
    for (const [o, u] of [
      [c.original, c.updated],
      [c.updated, c.original],
    ])
      diff(
        { schema: o, fingerprint: `r${canonical(o)}` },
        { schema: u, fingerprint: `r${canonical(u)}` },
        'STRICT',
        { counterexamples: false },
      );
  const oursMs = performance.now() - started;
  const b = fullTransitive();
  const c = await versusJsonSchemaDiff(cases, a.verdicts, oursMs);
  return { lines: [...a.lines, ...b, ...c] };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { lines } = await benchCompat();
  for (const line of lines) console.log(line);
}
