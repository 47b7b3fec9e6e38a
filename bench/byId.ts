import { setTimeout as sleep } from 'node:timers/promises';
import { startChildServer, type ChildServer } from './lib/child.ts';
import { compareUnderLoad, type LoadOptions, type LoadResult } from './lib/load.ts';
import { committedTransactions, createScratchDatabase, type ScratchDatabase } from './lib/postgres.ts';
import { hotspots, profilePath } from './lib/profile.ts';
import { formatNumber, type BenchSection } from './lib/report.ts';
import { orderPlaced } from './lib/schemas.ts';

export interface ByIdOptions {
  databaseUrl: string | undefined;
  load: LoadOptions;
  /** Write a CPU profile of the registry child and print its hotspots. */
  profile: boolean;
}

/**
 * GET /schemas/ids/{id} throughput and p99 under autocannon, as a ratio against a bare node:http server that
 * answers with the very same bytes and content type, measured in the same run (a bare Hono app on
 * @hono/node-server is measured too, to split framework cost from ours). Every server runs in its own child
 * process and only one is under load at a time, in interleaved rounds, so none shares an event loop or CPU
 * with another server and machine noise spreads evenly; autocannon runs in this process.
 */
export async function benchById(options: ByIdOptions): Promise<BenchSection> {
  const storage = options.databaseUrl ? 'PostgreSQL' : 'embedded PGlite';
  const lines: string[] = [];
  const load = options.load;
  lines.push(
    `by-id: ${load.connections} connections; per server ${load.warmupSeconds} s warm-up, then ${load.durationSeconds} s measured in ${load.rounds} interleaved rounds; registry on ${storage}`,
  );

  let database: ScratchDatabase | undefined;
  const children: ChildServer[] = [];
  try {
    if (options.databaseUrl) database = await createScratchDatabase(options.databaseUrl, 'byid');
    const registry = await startChildServer('registry.ts', { databaseUrl: database?.url });
    children.push(registry);
    const { id, body, contentType } = await seed(registry.url);
    lines.push(`by-id: schema ${id}, response ${Buffer.byteLength(body)} bytes of ${contentType}`);

    const raw = await startChildServer('baseline.ts', { kind: 'raw', body, contentType });
    children.push(raw);
    const hono = await startChildServer('baseline.ts', { kind: 'hono', body, contentType });
    children.push(hono);

    const path = `/schemas/ids/${id}`;
    const before =
      database && options.databaseUrl
        ? await committedTransactions(options.databaseUrl, database.name)
        : undefined;
    const [rawResult, honoResult, registryResult] = await compareUnderLoad(
      [raw.url + path, hono.url + path, registry.url + path],
      load,
    );
    if (!rawResult || !honoResult || !registryResult) throw new Error('autocannon returned no result');
    lines.push(
      describe('raw node:http', rawResult),
      describe('bare Hono + node-server', honoResult),
      describe('Schemata registry', registryResult),
    );
    if (before !== undefined && database && options.databaseUrl) {
      await sleep(1_500); // pg_stat_database is flushed asynchronously
      const after = await committedTransactions(options.databaseUrl, database.name);
      const perRequest = (after - before) / Math.max(1, registryResult.total);
      lines.push(
        `by-id: database transactions while measuring: ${after - before} (${formatNumber(perRequest)} per registry request; ~0 means served from memory)`,
      );
    }

    const ratio = registryResult.rps / rawResult.rps;
    lines.push(
      `by-id: ratio registry/raw ${formatNumber(ratio)} (bare Hono/raw ${formatNumber(honoResult.rps / rawResult.rps)}, registry/bare Hono ${formatNumber(registryResult.rps / honoResult.rps)})`,
    );
    if (options.profile) {
      // A separate window with the registry alone, so the profile holds nothing but by-id traffic.
      const file = profilePath('by-id');
      await registry.startProfile();
      await compareUnderLoad([registry.url + path], {
        ...load,
        warmupSeconds: 0,
        durationSeconds: 5,
        rounds: 1,
      });
      await registry.stopProfile(file);
      lines.push(...hotspots(file));
    }
    const valid = registryResult.failures === 0;
    if (!valid)
      lines.push(
        `by-id: the registry answered ${registryResult.failures} requests with errors; figures are invalid`,
      );
    return {
      title: 'by-id',
      lines,
      figures: [
        {
          name: 'GET /schemas/ids/{id} req/s ratio vs raw node:http',
          value: valid ? ratio : undefined,
          unit: '',
          kind: 'min',
          target: 0.9,
        },
        {
          name: `GET /schemas/ids/{id} p99 at ${load.connections} connections (raw node:http: ${formatNumber(rawResult.p99, 'ms')})`,
          value: valid ? registryResult.p99 : undefined,
          unit: 'ms',
          kind: 'max',
          target: 5,
        },
      ],
    };
  } finally {
    for (const child of children.reverse()) await child.stop();
    await database?.drop();
  }
}

function describe(label: string, result: LoadResult): string {
  const failures = result.failures > 0 ? `, ${result.failures} failed` : '';
  const rounds = result.rounds.map((rps) => formatNumber(rps)).join(' / ');
  return `by-id: ${label.padEnd(24)} ${formatNumber(result.rps).padStart(8)} req/s  p50 ${formatNumber(result.p50, 'ms')}  p99 ${formatNumber(result.p99, 'ms')}  (rounds ${rounds})${failures}`;
}

/** Registers the by-id payload and reads the exact response bytes the baselines will serve. */
async function seed(base: string): Promise<{ id: number; body: string; contentType: string }> {
  const registered = await fetch(`${base}/subjects/bench-by-id/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schemaType: 'JSON', schema: JSON.stringify(orderPlaced) }),
  });
  const registeredBody = await registered.text();
  if (!registered.ok)
    throw new Error(`registering the by-id schema failed: ${registered.status} ${registeredBody}`);
  const { id } = JSON.parse(registeredBody) as { id: number };
  const read = await fetch(`${base}/schemas/ids/${id}`);
  const body = await read.text();
  if (!read.ok) throw new Error(`GET /schemas/ids/${id} failed: ${read.status} ${body}`);
  return {
    id,
    body,
    contentType: read.headers.get('content-type') ?? 'application/vnd.schemaregistry.v1+json',
  };
}
