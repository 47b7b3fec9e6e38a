import { createHash } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase } from '../src/db/client.ts';
import { startChildServer, type ChildServer } from './lib/child.ts';
import { createScratchDatabase, type ScratchDatabase } from './lib/postgres.ts';
import { hotspots, profilePath } from './lib/profile.ts';
import { formatNumber, percentile, type BenchSection, type Figure } from './lib/report.ts';
import { evolvingSchema } from './lib/schemas.ts';

export interface RegisterOptions {
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** Registrations per measured phase (sequential, then concurrent). */
  count: number;
  inFlight: number;
  /** Write a CPU profile of the registry child and print its hotspots. */
  profile: boolean;
}

/** Registers one schema; resolves to its latency in milliseconds. */
type Register = (subject: string, schema: Record<string, unknown>) => Promise<number>;

/**
 * Registration throughput through HTTP on real PostgreSQL, beside a raw postgres.js loop that writes the same
 * rows (schema + version + event, in one transaction under the subject lock) in the same run. Each phase
 * spreads its schemas over `inFlight` subjects, one writer per subject, so the concurrent phase measures
 * parallel writers rather than waits on one subject's lock; every schema is a compatible new version.
 */
export async function benchRegister(options: RegisterOptions): Promise<BenchSection> {
  const title = 'register';
  if (!options.databaseUrl) {
    return { title, lines: ['register: skipped — DATABASE_URL is not set (this figure needs real PostgreSQL)'], figures: [], skipped: 'DATABASE_URL is not set' };
  }
  const lines = [
    `register: ${options.count} schemas sequentially, then ${options.count} with ${options.inFlight} in flight, over ${options.inFlight} subjects; bus ${options.redisUrl ? 'Redis' : 'in-process'}`,
  ];
  const databases: ScratchDatabase[] = [];
  let child: ChildServer | undefined;
  let raw: RawRegistrar | undefined;
  try {
    const registryDb = await createScratchDatabase(options.databaseUrl, 'reg');
    databases.push(registryDb);
    const rawDb = await createScratchDatabase(options.databaseUrl, 'raw');
    databases.push(rawDb);
    child = await startChildServer('registry.ts', { databaseUrl: registryDb.url, redisUrl: options.redisUrl });
    const registry = child;
    raw = await openRawRegistrar(rawDb.url);

    const results: Record<'registry' | 'raw', Record<'sequential' | 'concurrent', Phase>> = {
      registry: { sequential: emptyPhase, concurrent: emptyPhase },
      raw: { sequential: emptyPhase, concurrent: emptyPhase },
    };
    const profile = options.profile ? profilePath('register') : undefined;
    for (const [name, register] of [['raw', raw.register], ['registry', httpRegistrar(child.url)]] as const) {
      await runPhase(register, `${name}-warm`, 40, options.inFlight);
      if (name === 'registry' && profile) await registry.startProfile();
      results[name].sequential = await runPhase(register, `${name}-seq`, options.count, 1);
      results[name].concurrent = await runPhase(register, `${name}-conc`, options.count, options.inFlight);
      if (name === 'registry' && profile) await registry.stopProfile(profile);
      for (const mode of ['sequential', 'concurrent'] as const) {
        const phase = results[name][mode];
        lines.push(
          `register: ${(name === 'raw' ? 'raw postgres.js' : 'Schemata over HTTP').padEnd(19)} ${mode.padEnd(10)} ${formatNumber(phase.rps).padStart(7)} /s  p50 ${formatNumber(phase.p50, 'ms')}  p99 ${formatNumber(phase.p99, 'ms')}`,
        );
      }
    }
    if (profile) lines.push(...hotspots(profile));
    const figures: Figure[] = (['sequential', 'concurrent'] as const).map((mode) => {
      const ratio = results.registry[mode].rps / results.raw[mode].rps;
      lines.push(`register: ratio registry/raw (${mode}) ${formatNumber(ratio)}`);
      const label = mode === 'sequential' ? 'sequential' : `${options.inFlight} in flight`;
      return { name: `register throughput ratio vs raw postgres.js (${label})`, value: ratio, unit: '', kind: 'min', target: 0.5 };
    });
    return { title, lines, figures };
  } finally {
    await child?.stop();
    await raw?.close();
    for (const database of databases) await database.drop();
  }
}

interface Phase {
  rps: number;
  p50: number;
  p99: number;
}
const emptyPhase: Phase = { rps: Number.NaN, p50: Number.NaN, p99: Number.NaN };

/** `count` registrations by `writers` workers, each owning one subject of the family `prefix`. */
async function runPhase(register: Register, prefix: string, count: number, writers: number): Promise<Phase> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      const subject = `bench-${prefix}-${writer}`;
      for (let step = 0; step * writers + writer < count; step += 1) {
        latencies.push(await register(subject, evolvingSchema(subject, step)));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { rps: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

function httpRegistrar(base: string): Register {
  return async (subject, schema) => {
    const started = performance.now();
    const res = await fetch(`${base}/subjects/${encodeURIComponent(subject)}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schemaType: 'JSON', schema: JSON.stringify(schema) }),
    });
    const body = await res.text();
    if (!res.ok) throw new Error(`registering under ${subject} failed: ${res.status} ${body}`);
    return performance.now() - started;
  };
}

interface RawRegistrar {
  register: Register;
  close(): Promise<void>;
}

/**
 * The floor any registry has to pay per registration: one transaction that takes the subject lock, inserts
 * the schema row (deduplicated by fingerprint), allocates the next version, inserts the version and the
 * outbox event. Same tables (migrated by the registry's own migrations), same pool size as the registry.
 */
async function openRawRegistrar(url: string): Promise<RawRegistrar> {
  const handle = await openDatabase({ databaseUrl: url, dataDir: 'unused' });
  await handle.migrate();
  await handle.close();
  const sql = postgres(url, { max: 10, onnotice: () => {} });
  const register: Register = async (subject, schema) => {
    const started = performance.now();
    const text = JSON.stringify(schema);
    const fingerprint = createHash('sha256').update(`JSON\n${text}\n[]`).digest('hex');
    await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtextextended(${'subject:' + subject}, 0))`;
      const inserted = await tx<{ id: string }[]>`
        insert into schemas (schema_type, schema, fingerprint) values ('JSON', ${text}, ${fingerprint})
        on conflict (fingerprint) do update set fingerprint = excluded.fingerprint returning id::text`;
      const id = Number(inserted[0]?.id);
      const next = await tx<{ v: number }[]>`
        select coalesce(max(version), 0) + 1 as v from subject_versions where subject = ${subject}`;
      const version = next[0]?.v ?? 1;
      await tx`insert into subject_versions (subject, version, schema_id) values (${subject}, ${version}, ${id})`;
      const data = { subject, version, id, schemaType: 'JSON' };
      await tx`insert into events (event_type, subject, data) values ('schema.registered', ${subject}, ${sql.json(data)})`;
    });
    return performance.now() - started;
  };
  return { register, close: () => sql.end({ timeout: 5 }) };
}
