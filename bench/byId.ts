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
 * with another server and machine noise spreads evenly; autocannon runs in this process. A second registry
 * runs with auth on (ADMIN_KEY set) and is read with a key of role read over HTTP Basic, as a consumer would.
 */
export async function benchById(options: ByIdOptions): Promise<BenchSection> {
  const storage = options.databaseUrl ? 'PostgreSQL' : 'embedded PGlite';
  const lines: string[] = [];
  const load = options.load;
  lines.push(
    `by-id: ${load.connections} connections; per server ${load.warmupSeconds} s warm-up, then ${load.durationSeconds} s measured in ${load.rounds} interleaved rounds; registry on ${storage}`,
  );

  let database: ScratchDatabase | undefined;
  let securedDatabase: ScratchDatabase | undefined;
  const children: ChildServer[] = [];
  try {
    if (options.databaseUrl) {
      database = await createScratchDatabase(options.databaseUrl, 'byid');
      securedDatabase = await createScratchDatabase(options.databaseUrl, 'byidauth');
    }
    const registry = await startChildServer('registry.ts', { databaseUrl: database?.url });
    children.push(registry);
    const { id, body, contentType } = await seed(registry.url);
    lines.push(`by-id: schema ${id}, response ${Buffer.byteLength(body)} bytes of ${contentType}`);
    const secured = await startChildServer('registry.ts', {
      databaseUrl: securedDatabase?.url,
      adminKey: ADMIN_KEY,
    });
    children.push(secured);
    const admin = basic('admin', ADMIN_KEY);
    const securedSeed = await seed(secured.url, admin);
    if (securedSeed.body !== body) throw new Error('the auth-on registry answers other bytes');
    const reader = await readKey(secured.url, admin);

    const raw = await startChildServer('baseline.ts', { kind: 'raw', body, contentType });
    children.push(raw);
    const hono = await startChildServer('baseline.ts', { kind: 'hono', body, contentType });
    children.push(hono);

    const path = `/schemas/ids/${id}`;
    const before =
      database && options.databaseUrl
        ? await committedTransactions(options.databaseUrl, database.name)
        : undefined;
    const securedPath = `/schemas/ids/${securedSeed.id}`;
    const [rawResult, honoResult, registryResult, securedResult] = await compareUnderLoad(
      [
        raw.url + path,
        hono.url + path,
        registry.url + path,
        { url: secured.url + securedPath, headers: reader },
      ],
      load,
    );
    if (!rawResult || !honoResult || !registryResult || !securedResult)
      throw new Error('autocannon returned no result');
    lines.push(
      describe('raw node:http', rawResult),
      describe('bare Hono + node-server', honoResult),
      describe('Schemata registry', registryResult),
      describe('Schemata, auth on', securedResult),
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
    const securedRatio = securedResult.rps / rawResult.rps;
    lines.push(
      `by-id: ratio registry/raw ${formatNumber(ratio)} (bare Hono/raw ${formatNumber(honoResult.rps / rawResult.rps)}, registry/bare Hono ${formatNumber(registryResult.rps / honoResult.rps)})`,
      `by-id: auth on (a read key over HTTP Basic): ratio registry/raw ${formatNumber(securedRatio)}, p99 ${formatNumber(securedResult.p99, 'ms')}${securedResult.failures > 0 ? `, ${securedResult.failures} failed` : ''}`,
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
    await securedDatabase?.drop();
  }
}

function describe(label: string, result: LoadResult): string {
  const failures = result.failures > 0 ? `, ${result.failures} failed` : '';
  const rounds = result.rounds.map((rps) => formatNumber(rps)).join(' / ');
  return `by-id: ${label.padEnd(24)} ${formatNumber(result.rps).padStart(8)} req/s  p50 ${formatNumber(result.p50, 'ms')}  p99 ${formatNumber(result.p99, 'ms')}  (rounds ${rounds})${failures}`;
}

const ADMIN_KEY = 'bench-admin-key-0123456789';

const basic = (id: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
});

/** A key of role read on the auth-on registry, as the headers a consumer sends. */
async function readKey(base: string, admin: Record<string, string>): Promise<Record<string, string>> {
  const res = await fetch(`${base}/admin/keys`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'read', description: 'bench consumer' }),
  });
  const key = (await res.json()) as { id: string; secret: string };
  if (res.status !== 201) throw new Error(`creating the bench key failed: ${res.status}`);
  return basic(key.id, key.secret);
}

/** Registers the by-id payload and reads the exact response bytes the baselines will serve. */
async function seed(
  base: string,
  auth: Record<string, string> = {},
): Promise<{ id: number; body: string; contentType: string }> {
  const registered = await fetch(`${base}/subjects/bench-by-id/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json', ...auth },
    body: JSON.stringify({ schemaType: 'JSON', schema: JSON.stringify(orderPlaced) }),
  });
  const registeredBody = await registered.text();
  if (!registered.ok)
    throw new Error(`registering the by-id schema failed: ${registered.status} ${registeredBody}`);
  const { id } = JSON.parse(registeredBody) as { id: number };
  const read = await fetch(`${base}/schemas/ids/${id}`, { headers: auth });
  const body = await read.text();
  if (!read.ok) throw new Error(`GET /schemas/ids/${id} failed: ${read.status} ${body}`);
  return {
    id,
    body,
    contentType: read.headers.get('content-type') ?? 'application/vnd.schemaregistry.v1+json',
  };
}
