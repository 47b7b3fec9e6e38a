import { Agent, request } from 'node:http';
import { startChildServer, type ChildServer } from './lib/child.ts';
import { createScratchDatabase, type ScratchDatabase } from './lib/postgres.ts';
import { openRawRegistrar, type RawRegistrar, type Register } from './lib/rawRegistrar.ts';
import { hotspots, profilePath } from './lib/profile.ts';
import { formatNumber, percentile, type BenchSection, type Figure } from './lib/report.ts';
import { evolvingSchema } from './lib/schemas.ts';

/**
 * Registrations per side before anything is measured (a quarter more of them one at a time). A registry is
 * a long-running server, so the figure is its steady state: V8 keeps compiling the registry's hot code on
 * background threads for its first few thousand registrations (about 0.7 ms of compiler CPU per
 * registration over the first thousand, tailing off by three thousand), and on a two-CPU machine those
 * threads take the CPU that PostgreSQL and the client need. Both sides warm alike.
 */
export const WARM_UP = 2_400;
/** Registrations per side before the figure right after start-up (information, no target). */
const EARLY_WARM_UP = 200;
/** Versions per subject during warm-up: the sizes of the measured schemas (a phase's 400 over 8 subjects). */
const WARM_UP_VERSIONS = 50;

export interface RegisterOptions {
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** At most this many registrations per measured phase (sequential, then concurrent)… */
  count: number;
  /** …and at most this long for the registry's phase; the raw loop then writes as many as it managed. */
  phaseSeconds: number;
  inFlight: number;
  /** Registrations per side before measuring (a quarter more one at a time); see WARM_UP. */
  warmUp: number;
  /** Rounds of registry-then-raw phases; the figure is the median round's ratio. */
  rounds: number;
  /** Write a CPU profile of the registry child and print its hotspots. */
  profile: boolean;
}

/**
 * Registration throughput through HTTP on real PostgreSQL, beside a raw postgres.js loop that writes the same
 * rows (schema + version + event, in one transaction under the subject lock) in the same run. Each phase
 * spreads its schemas over `inFlight` subjects, so both phases register the same schemas and differ only in
 * how many are in flight: one writer taking the subjects in turn, or one writer per subject (parallel
 * writers rather than waits on one subject's lock). Every schema is a compatible new version.
 * Each round runs both sides' phases back to back on fresh subjects, the raw loop first in every other
 * round, so a slow spell or a drift of the machine weighs on both sides of a ratio; the median round is
 * the figure.
 */
export async function benchRegister(options: RegisterOptions): Promise<BenchSection> {
  const title = 'register';
  if (!options.databaseUrl) {
    return {
      title,
      lines: ['register: skipped — DATABASE_URL is not set (this figure needs real PostgreSQL)'],
      figures: [],
      skipped: 'DATABASE_URL is not set',
    };
  }
  const lines = [
    `register: ${options.rounds} round(s) of up to ${options.count} schemas (or ${options.phaseSeconds} s) sequentially, then with ${options.inFlight} in flight over ${options.inFlight} subjects, after ${options.warmUp * 1.25} warm-up registrations per side; bus ${options.redisUrl ? 'Redis' : 'in-process'}`,
  ];
  const databases: ScratchDatabase[] = [];
  let child: ChildServer | undefined;
  let raw: RawRegistrar | undefined;
  try {
    const registryDb = await createScratchDatabase(options.databaseUrl, 'reg');
    databases.push(registryDb);
    const rawDb = await createScratchDatabase(options.databaseUrl, 'raw');
    databases.push(rawDb);
    child = await startChildServer('registry.ts', {
      databaseUrl: registryDb.url,
      redisUrl: options.redisUrl,
    });
    const registry = child;
    raw = await openRawRegistrar(rawDb.url);
    const rawRegister = raw.register;

    const http = httpRegistrar(child.url);
    const modes = [
      ['sequential', 1],
      ['concurrent', options.inFlight],
    ] as const;
    // Warm both sides alike (JIT, pools, PostgreSQL's caches) before anything is measured. After the first
    // stage the figure right after start-up is taken for information; the rounds below follow the second.
    const warm = async (stage: string, count: number) => {
      const subjects = options.inFlight * Math.max(1, Math.ceil(count / WARM_UP_VERSIONS / options.inFlight));
      for (const [side, register] of [
        ['registry', http],
        ['raw', rawRegister],
      ] as const) {
        await runPhase(register, `${side}-warm${stage}`, { count, writers: options.inFlight, subjects });
        await runPhase(register, `${side}-warm${stage}-seq`, { count: count / 4, writers: 1, subjects });
      }
    };
    const early = Math.min(EARLY_WARM_UP, options.warmUp);
    await warm('a', early);
    lines.push(...(await afterStartUp(http, rawRegister, options, early)));
    if (options.warmUp > early) await warm('b', options.warmUp - early);
    const profile = options.profile ? profilePath('register') : undefined;
    const ratios: Record<string, number[]> = {};
    for (let round = 1; round <= options.rounds; round += 1) {
      for (const [mode, writers] of modes) {
        // The registry runs under a time budget; the raw loop writes exactly as many schemas of the same
        // sequence, so both sides do the same work whatever the machine's speed.
        if (profile && round === 1 && mode === 'sequential') await registry.startProfile();
        // The raw loop goes first in even rounds: the machine's drift over a run (caches, JIT, other
        // tenants) then favours neither side.
        const rawFirst = round % 2 === 0;
        const subjects = options.inFlight;
        const before = rawFirst
          ? await runPhase(raw.register, `raw-${mode}-${round}`, {
              count: options.count,
              writers,
              subjects,
            })
          : undefined;
        const ours = await runPhase(http, `registry-${mode}-${round}`, {
          count: before?.count ?? options.count,
          writers,
          subjects,
          budgetSeconds: options.phaseSeconds,
        });
        if (profile && round === 1 && mode === 'concurrent') await registry.stopProfile(profile);
        // Both sides write the same schemas: a registry phase cut short by its time budget sets the count.
        const theirs =
          before !== undefined && before.count === ours.count
            ? before
            : await runPhase(raw.register, `raw-${mode}-${round}b`, {
                count: ours.count,
                writers,
                subjects,
              });
        const ratio = ours.rps / theirs.rps;
        (ratios[mode] ??= []).push(ratio);
        lines.push(
          describe(`raw postgres.js`, mode, round, theirs),
          describe(`Schemata over HTTP`, mode, round, ours),
          `register: ratio registry/raw (${mode}, round ${round}, ${ours.count} schemas) ${formatNumber(ratio)}`,
        );
      }
    }
    const figures: Figure[] = [];
    for (const [mode, writers] of modes) {
      const ratio = percentile(ratios[mode] ?? [], 50);
      const spread = (ratios[mode] ?? []).map((r) => formatNumber(r)).join(', ');
      lines.push(
        `register: median ratio registry/raw (${mode}) ${formatNumber(ratio)} over rounds [${spread}]`,
      );
      const label = writers === 1 ? 'sequential' : `${writers} in flight`;
      figures.push({
        name: `register throughput ratio vs raw postgres.js (${label})`,
        value: ratio,
        unit: '',
        kind: 'min',
        // One at a time, a registration's HTTP, parse and compatibility check are not hidden behind other
        // registrations' round trips as they are with several in flight.
        target: writers === 1 ? 0.35 : 0.5,
      });
    }
    lines.push(...(await largeSchemas(http, raw.register, options)));
    if (profile) lines.push(...hotspots(profile));
    return { title, lines, figures };
  } finally {
    await child?.stop();
    await raw?.close();
    for (const database of databases) await database.drop();
  }
}

/**
 * For information, not a target: one subject registered one schema at a time, so its schema grows by a
 * property per version, to `count` properties. The raw loop only stores text; the registry parses,
 * validates, normalises and compares every schema, and that work grows with the schema. This shows what
 * large contracts cost (the figures above use the ordinary sizes of the family's first steps).
 */
async function largeSchemas(http: Register, raw: Register, options: RegisterOptions): Promise<string[]> {
  const { lines, ours, ratio } = await informationPhase(http, raw, options, 'large', 'one subject', 1);
  return [
    ...lines,
    `register: ratio registry/raw with one subject growing to ${ours.count + 1} properties (information, no target) ${ratio}`,
  ];
}

/**
 * For information, not a target: the sequential figure after only `warmedUp` (+ a quarter) registrations
 * per side, while V8 is still compiling the registry's hot code. This is what a registry just started
 * does; the rounds measure the steady state.
 */
async function afterStartUp(
  http: Register,
  raw: Register,
  options: RegisterOptions,
  warmedUp: number,
): Promise<string[]> {
  const { lines, ratio } = await informationPhase(http, raw, options, 'early', 'start-up', options.inFlight);
  return [
    ...lines,
    `register: ratio registry/raw one at a time right after start-up (${warmedUp * 1.25} warm-up registrations; information, no target) ${ratio}`,
  ];
}

/** One phase per side, one registration at a time: the registry's under the time budget, then the raw loop's of as many schemas. */
async function informationPhase(
  http: Register,
  raw: Register,
  options: RegisterOptions,
  prefix: string,
  label: string,
  subjects: number,
): Promise<{ lines: string[]; ours: Phase; ratio: string }> {
  const plan = { count: options.count, writers: 1, subjects };
  const ours = await runPhase(http, `registry-${prefix}`, { ...plan, budgetSeconds: options.phaseSeconds });
  const theirs = await runPhase(raw, `raw-${prefix}`, { ...plan, count: ours.count });
  const lines = [
    describe('raw postgres.js', label, 1, theirs),
    describe('Schemata over HTTP', label, 1, ours),
  ];
  return { lines, ours, ratio: formatNumber(ours.rps / theirs.rps) };
}

interface Phase {
  count: number;
  rps: number;
  p50: number;
  p99: number;
}

/**
 * `count` registrations (or fewer when `budgetSeconds` runs out first) over `subjects` subjects of the family
 * `prefix`, taken in turn, each registering its next compatible step. `writers` workers share them out, each
 * owning the subjects `writer`, `writer + writers`, …, so no two writers ever wait on one subject's lock.
 */
async function runPhase(
  register: Register,
  prefix: string,
  plan: { count: number; writers: number; subjects: number; budgetSeconds?: number },
): Promise<Phase> {
  if (plan.subjects % plan.writers !== 0) throw new Error('subjects must be a multiple of writers');
  const latencies: number[] = [];
  const started = performance.now();
  const deadline =
    plan.budgetSeconds === undefined ? Number.POSITIVE_INFINITY : started + plan.budgetSeconds * 1000;
  await Promise.all(
    Array.from({ length: plan.writers }, async (_, writer) => {
      for (let n = writer; n < plan.count && performance.now() < deadline; n += plan.writers) {
        const subject = `bench-${prefix}-${n % plan.subjects}`;
        latencies.push(await register(subject, evolvingSchema(subject, Math.floor(n / plan.subjects))));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const count = latencies.length;
  return { count, rps: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

function describe(who: string, mode: string, round: number, phase: Phase): string {
  return `register: ${who.padEnd(19)} ${`${mode} #${round}`.padEnd(14)} ${formatNumber(phase.rps).padStart(7)} /s  p50 ${formatNumber(phase.p50, 'ms')}  p99 ${formatNumber(phase.p99, 'ms')}`;
}

/**
 * Registers over HTTP with node:http on keep-alive connections. The client shares the machine's CPUs with
 * the registry and PostgreSQL, and fetch (undici) spends about three times node:http's CPU per request, so
 * it would weigh on the registry's figure rather than measure it.
 */
function httpRegistrar(base: string): Register {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true });
  return (subject, schema) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const body = JSON.stringify({ schemaType: 'JSON', schema: JSON.stringify(schema) });
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: `/subjects/${encodeURIComponent(subject)}/versions`,
          agent,
          headers: {
            'content-type': 'application/vnd.schemaregistry.v1+json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            if (res.statusCode === 200) return resolve(performance.now() - started);
            const text = Buffer.concat(chunks).toString();
            reject(new Error(`registering under ${subject} failed: ${res.statusCode} ${text}`));
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}
