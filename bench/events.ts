import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { events as eventsTable } from '../src/db/schema.ts';
import { closeDeps, createDeps, type Deps } from '../src/deps.ts';
import { parseEnvelope } from '../src/client/events.ts';
import { queryRows } from '../src/db/client.ts';
import { readHead } from '../src/events/store.ts';
import { createScratchDatabase, type ScratchDatabase } from './lib/postgres.ts';
import { percentile } from './lib/report.ts';

const REGISTRATIONS = 500;
const CATCH_UP_EVENTS = 10_000;
const LATENCY_P99_TARGET_MS = 20;
const CATCH_UP_TARGET_MS = 1_000;

/**
 * Change-broadcast figures on real PostgreSQL + Redis: commit → Redis subscriber latency over real
 * registrations (the clock starts when the registration service reports its commit), and how long a
 * consumer takes to catch up 10,000 events from the feed.
 */
export async function benchEvents(): Promise<{ lines: string[] }> {
  const databaseUrl = process.env['DATABASE_URL'] || undefined;
  const redisUrl = process.env['REDIS_URL'] || undefined;
  if (databaseUrl === undefined || redisUrl === undefined) {
    return { lines: ['events: skipped — needs DATABASE_URL and REDIS_URL (real PostgreSQL and Redis)'] };
  }
  let database: ScratchDatabase | undefined;
  let deps: Deps | undefined;
  let server: ServerType | undefined;
  const subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null });
  try {
    database = await createScratchDatabase(databaseUrl, 'events');
    const config = loadConfig({
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      LOG_LEVEL: 'error',
      PORT: '0',
    });
    deps = await createDeps(config);
    const app = createApp(deps);
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const floor = await measureFloor(deps);
    const latency = await measureLatency(deps, app.request.bind(app), subscriber);
    const catchUp = await measureCatchUp(deps, url);
    return {
      lines: [
        `events: commit → Redis subscriber over ${REGISTRATIONS} registrations: p50 ${latency.p50.toFixed(2)} ms, p99 ${latency.p99.toFixed(2)} ms, max ${latency.max.toFixed(2)} ms (target p99 ≤ ${LATENCY_P99_TARGET_MS} ms) ${verdict(latency.p99 <= LATENCY_P99_TARGET_MS)}`,
        `events: context — on this machine now, a bare PostgreSQL round trip takes p50 ${ms(floor.roundTrip, 50)}, p99 ${ms(floor.roundTrip, 99)}; a one-row insert commit p50 ${ms(floor.commit, 50)}, p99 ${ms(floor.commit, 99)} (the relay's path for this instance's own events: one Redis publish, no database round trip)`,
        `events: relay published ${CATCH_UP_EVENTS} events committed in one transaction in ${catchUp.relayMs.toFixed(0)} ms`,
        `events: feed catch-up of ${CATCH_UP_EVENTS} events over HTTP (GET /events, pages of 1000): ${catchUp.feedMs.toFixed(0)} ms (target ≤ ${CATCH_UP_TARGET_MS} ms) ${verdict(catchUp.feedMs <= CATCH_UP_TARGET_MS)}`,
      ],
    };
  } finally {
    subscriber.disconnect();
    if (server !== undefined) await new Promise<void>((resolve) => server?.close(() => resolve()));
    if (deps !== undefined) await closeDeps(deps);
    await database?.drop();
  }
}

type Request = (path: string, init: RequestInit) => Response | Promise<Response>;

/**
 * The floor under the relay's latency on this machine right now: a bare round trip, and a committed
 * one-row insert (round trip + WAL flush). The relay publishes this instance's own events straight after their
 * commit (one Redis publish); events it must read from the outbox cost it one more round trip.
 */
async function measureFloor(deps: Deps): Promise<{ roundTrip: number[]; commit: number[] }> {
  const sample = async (query: () => Promise<unknown>): Promise<number[]> => {
    const samples: number[] = [];
    for (let i = 0; i < 320; i++) {
      const start = performance.now();
      await query();
      if (i >= 20) samples.push(performance.now() - start);
    }
    return samples;
  };
  await deps.db.execute(sql`create table bench_floor (n integer)`);
  const roundTrip = await sample(() => deps.db.execute(sql`select 1`));
  const commit = await sample(() => deps.db.execute(sql`insert into bench_floor values (1)`));
  return { roundTrip, commit };
}

async function measureLatency(
  deps: Deps,
  request: Request,
  subscriber: Redis,
): Promise<{ p50: number; p99: number; max: number }> {
  const prefix = `bench-events-${process.pid}-`;
  const committedAt = new Map<string, number>();
  const latencies: number[] = [];
  let pendingSubject = '';
  // The registration service calls committed() right after its transaction commits: start the clock there.
  const committed = deps.events.committed.bind(deps.events);
  deps.events.committed = () => {
    committedAt.set(pendingSubject, performance.now());
    committed();
  };
  let arrived: (() => void) | undefined;
  subscriber.on('message', (_channel: string, message: string) => {
    const receivedAt = performance.now();
    const event = parseEnvelope(message);
    const subject = event?.data['subject'];
    if (typeof subject !== 'string' || !subject.startsWith(prefix)) return;
    const start = committedAt.get(subject);
    if (start !== undefined) latencies.push(receivedAt - start);
    arrived?.();
  });
  await subscriber.subscribe(deps.events.eventsChannel ?? '');

  for (let i = 0; i < REGISTRATIONS + 20; i++) {
    pendingSubject = `${prefix}${i}`;
    const got = new Promise<void>((resolve) => (arrived = resolve));
    const res = await request(`/subjects/${pendingSubject}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        schemaType: 'JSON',
        schema: JSON.stringify({ type: 'object', title: pendingSubject }),
      }),
    });
    if (res.status !== 200) throw new Error(`registration answered ${res.status}: ${await res.text()}`);
    await Promise.race([got, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    // The first registrations warm up the JIT and the connection pools.
    if (i === 19) latencies.length = 0;
  }
  deps.events.committed = committed;
  if (latencies.length < REGISTRATIONS)
    throw new Error(`only ${latencies.length} of ${REGISTRATIONS} events arrived`);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies) };
}

async function measureCatchUp(deps: Deps, url: string): Promise<{ relayMs: number; feedMs: number }> {
  const start = await readHead(deps.db);
  await deps.db.transaction(async (tx) => {
    // A backlog written in one transaction: it takes its positions at once, as event writers do.
    const [taken] = await queryRows<{ seq: string | number }>(
      tx,
      sql`update outbox_positions set seq = seq + ${CATCH_UP_EVENTS} where name = 'head' returning seq`,
    );
    const first = Number(taken?.seq) - CATCH_UP_EVENTS + 1;
    const rows = Array.from({ length: CATCH_UP_EVENTS }, (_, i) => ({
      seq: first + i,
      eventType: 'config.changed',
      subject: `bench-catch-up-${i % 100}`,
      data: { subject: `bench-catch-up-${i % 100}`, config: { compatibilityLevel: 'BACKWARD' } },
    }));
    for (let i = 0; i < rows.length; i += 1_000)
      await tx.insert(eventsTable).values(rows.slice(i, i + 1_000));
  });
  const relayStart = performance.now();
  deps.events.committed();
  while ((await deps.events.outboxLag()) > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const relayMs = performance.now() - relayStart;

  const feedStart = performance.now();
  let read = 0;
  for (let after = start; ;) {
    const page = (await (await fetch(`${url}/events?after=${after}&limit=1000`)).json()) as {
      events: unknown[];
      next: number;
    };
    read += page.events.length;
    if (page.events.length < 1_000) break;
    after = page.next;
  }
  const feedMs = performance.now() - feedStart;
  if (read < CATCH_UP_EVENTS) throw new Error(`feed returned ${read} of ${CATCH_UP_EVENTS} events`);

  return { relayMs, feedMs };
}

const ms = (samples: number[], p: number): string => `${percentile(samples, p).toFixed(2)} ms`;

function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'MISS';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchEvents()
    .then(({ lines }) => {
      for (const line of lines) process.stdout.write(`${line}\n`);
      process.exit(0);
    })
    .catch((error: unknown) => {
      process.stderr.write(
        `bench events: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    });
}
