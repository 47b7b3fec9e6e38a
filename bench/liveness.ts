import { Worker } from 'node:worker_threads';
import { startChildServer, type ChildServer } from './lib/child.ts';
import { compareUnderLoad, type LoadOptions, type LoadResult } from './lib/load.ts';
import { createScratchDatabase, type ScratchDatabase } from './lib/postgres.ts';
import { formatNumber, percentile, type BenchSection } from './lib/report.ts';
import { union, type HostileStats } from './lib/hostileClients.ts';
import { orderPlaced } from './lib/schemas.ts';

export interface LivenessOptions {
  databaseUrl: string | undefined;
  load: LoadOptions;
  /** Clients sending budget-exhausting schemas, one request at a time each. */
  hostileClients: number;
}

/**
 * Liveness under hostile work: `GET /schemas/ids/{id}` from 50 connections with no other load, then while
 * `hostileClients` clients keep sending schemas that exhaust a work budget (a check that runs out of
 * MAX_CHECK_STEPS, a schema whose $refs expand past MAX_SCHEMA_REF_EXPANSION, a 100,000-member enum), in
 * interleaved rounds against the same registry child. The figures: by-id p99 under that load, and its
 * throughput as a ratio of the unloaded throughput measured in the same run; the hostile requests' own
 * latency (each must be refused within 1 s) is printed beside them.
 */
export async function benchLiveness(options: LivenessOptions): Promise<BenchSection> {
  const lines = [
    `liveness: by-id from ${options.load.connections} connections, alone and while ${options.hostileClients} clients send budget-exhausting schemas; ${options.load.rounds} interleaved rounds of ${options.load.durationSeconds / options.load.rounds} s each`,
  ];
  let database: ScratchDatabase | undefined;
  let registry: ChildServer | undefined;
  try {
    if (options.databaseUrl) database = await createScratchDatabase(options.databaseUrl, 'live');
    registry = await startChildServer('registry.ts', { databaseUrl: database?.url });
    const base = registry.url;
    const id = await seed(base);
    const url = `${base}/schemas/ids/${id}`;

    const alone: LoadResult[] = [];
    const loaded: LoadResult[] = [];
    const hostile: HostileStats = { latencies: [], refused: 0, wrong: [] };
    const round = {
      ...options.load,
      rounds: 1,
      durationSeconds: options.load.durationSeconds / options.load.rounds,
    };
    await compareUnderLoad([url], {
      ...round,
      durationSeconds: 0,
      warmupSeconds: options.load.warmupSeconds,
    });
    for (let r = 0; r < options.load.rounds; r++) {
      const [quiet] = await compareUnderLoad([url], { ...round, warmupSeconds: 0 });
      if (quiet) alone.push(quiet);
      const clients = startHostileClients(base, options.hostileClients);
      const [busy] = await compareUnderLoad([url], { ...round, warmupSeconds: 0 });
      const stats = await clients.stop();
      hostile.latencies.push(...stats.latencies);
      hostile.refused += stats.refused;
      hostile.wrong.push(...stats.wrong);
      if (busy) loaded.push(busy);
    }
    const rps = (results: LoadResult[]) =>
      results.reduce((sum, r) => sum + r.total, 0) / results.reduce((sum, r) => sum + r.total / r.rps, 0);
    const p99 = (results: LoadResult[]) =>
      percentile(
        results.map((r) => r.p99),
        50,
      );
    const ratio = rps(loaded) / rps(alone);
    const failures = [...alone, ...loaded].reduce((sum, r) => sum + r.failures, 0);
    lines.push(
      `liveness: by-id alone ${formatNumber(rps(alone))} req/s, p99 ${formatNumber(p99(alone), 'ms')}; under hostile load ${formatNumber(rps(loaded))} req/s, p99 ${formatNumber(p99(loaded), 'ms')}; ratio ${formatNumber(ratio)}`,
      `liveness: ${hostile.refused} hostile requests refused, latency p50 ${formatNumber(percentile(hostile.latencies, 50), 'ms')}, p99 ${formatNumber(percentile(hostile.latencies, 99), 'ms')}, max ${formatNumber(Math.max(0, ...hostile.latencies), 'ms')}`,
    );
    if (hostile.wrong.length > 0)
      lines.push(`liveness: unexpected hostile answers: ${hostile.wrong.slice(0, 3).join('; ')}`);
    const valid = failures === 0 && hostile.wrong.length === 0;
    if (!valid) lines.push(`liveness: ${failures} by-id requests failed; figures are invalid`);
    return {
      title: 'liveness',
      lines,
      figures: [
        {
          name: `by-id p99 while ${options.hostileClients} clients send budget-exhausting schemas`,
          value: valid ? p99(loaded) : undefined,
          unit: 'ms',
          kind: 'max',
          target: 50,
        },
        {
          name: 'by-id throughput under that load vs without it',
          value: valid ? ratio : undefined,
          unit: '',
          kind: 'min',
          target: 0.5,
        },
        {
          name: 'hostile requests refused, p99 latency',
          value: hostile.latencies.length > 0 ? percentile(hostile.latencies, 99) : undefined,
          unit: 'ms',
          kind: 'max',
          target: 1000,
        },
      ],
    };
  } finally {
    await registry?.stop();
    await database?.drop();
  }
}

/**
 * The hostile clients run on a thread of their own, so their sockets and 600 KB bodies never delay
 * autocannon's event loop (which would inflate the latencies it measures).
 */
function startHostileClients(base: string, clients: number): { stop(): Promise<HostileStats> } {
  // The bench runs under the tsx CLI, whose loader a worker does not inherit: register it first.
  const entry = new URL('./lib/hostileClients.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { base, clients } });
  const done = new Promise<HostileStats>((resolve, reject) => {
    worker.once('message', (stats: HostileStats) => resolve(stats));
    worker.once('error', reject);
  });
  return {
    async stop() {
      worker.postMessage('stop');
      const stats = await done;
      await worker.terminate();
      return stats;
    },
  };
}

/** The by-id schema, and the registered union the budget-exhausting checks compare against. */
async function seed(base: string): Promise<number> {
  const register = async (subject: string, schema: unknown): Promise<number> => {
    const res = await fetch(`${base}/subjects/${subject}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ schemaType: 'JSON', schema: JSON.stringify(schema) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`registering ${subject} failed: ${res.status} ${text}`);
    return (JSON.parse(text) as { id: number }).id;
  };
  await register('liveness-union', union(200, 'string'));
  return register('liveness-by-id', orderPlaced);
}
