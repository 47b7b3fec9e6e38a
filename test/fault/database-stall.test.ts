import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { schemaText, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { expectEnvelope } from '../security/envelope.ts';
import { eventually, startProxiedRegistry, type ProxiedRegistry } from './proxiedRegistry.ts';
import type { TcpProxy } from './tcpProxy.ts';

/** The registry's statement deadline in this suite (DATABASE_TIMEOUT_MS), short so the suite is quick. */
const DEADLINE_MS = 1_000;
/** A registration's answer bound: its statement's deadline, the unanswered cancel after it, and slack. */
const REGISTRATION_BOUND_MS = 2 * DEADLINE_MS + 2_000;

/**
 * A network partition between the registry and PostgreSQL: the proxy stops forwarding without closing
 * anything, so no connection fails and only deadlines can tell. Health and writes must answer promptly,
 * and once the network is back every acknowledged write is stored and nothing is half-written.
 */
describe.skipIf(STORAGE !== 'postgres')('when the database stops answering (postgres)', () => {
  let proxied: ProxiedRegistry;
  let proxy: TcpProxy;
  let registry: TestRegistry;
  let send: ProxiedRegistry['send'];

  beforeAll(async () => {
    proxied = await startProxiedRegistry({ DATABASE_TIMEOUT_MS: String(DEADLINE_MS) });
    ({ proxy, registry, send } = proxied);
  });
  afterEach(() => proxy.resume());
  afterAll(async () => {
    await proxied?.close();
  });

  const register = (subject: string, title: string) =>
    send('POST', `/subjects/${encodeURIComponent(subject)}/versions`, {
      schemaType: 'JSON',
      schema: schemaText({ type: 'object', title }),
    });
  const timed = async <T>(work: Promise<T>): Promise<{ value: T; ms: number }> => {
    const started = performance.now();
    const value = await work;
    return { value, ms: performance.now() - started };
  };

  /** A read, retried while it answers 503: pool connections caught by the partition reconnect one by one. */
  const read = (path: string) =>
    eventually(
      () => send('GET', path),
      (res) => res.status !== 503,
    );

  it('fails a transaction whose commit got no answer as of unknown outcome', async () => {
    // First, while the pool is fresh: a connection left over from a partition may close at any moment.
    const transaction = registry.deps.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      // The body is done: the COMMIT goes out into the partition.
      proxy.stall();
    });
    await expect(transaction).rejects.toMatchObject({ code: 'COMMIT_OUTCOME_UNKNOWN' });
  });

  it('answers /healthz 503 within 1 s, naming the database, and 200 once it answers again', async () => {
    expect((await send('GET', '/healthz')).status).toBe(200);
    proxy.stall();
    for (let probe = 0; probe < 3; probe++) {
      const { value: health, ms } = await timed(send('GET', '/healthz'));
      expect(ms).toBeLessThan(1_000);
      expect(health.status).toBe(503);
      // `timeout` when the probe went unanswered, `unreachable` once the driver gives up on connecting.
      expect(health.body).toMatchObject({ status: 'unavailable', database: expect.any(String) });
      expect(health.body.database).not.toBe('ok');
    }
    proxy.resume();
    const back = await eventually(
      () => send('GET', '/healthz'),
      (res) => res.status === 200,
    );
    expect(back.body).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('answers registrations 503 within their deadline; after the partition every 200 is stored once and retries land', async () => {
    const subjects = Array.from({ length: 16 }, () => uniqueSubject('stall'));
    const warm = await eventually(
      () => register(uniqueSubject('warm'), 'warm'),
      (res) => res.status !== 503,
    );
    expect(warm.status, warm.text).toBe(200);
    // Half go out before the partition and may be caught anywhere in their transaction, half after it.
    const early = subjects.slice(0, 8).map((subject, i) => timed(register(subject, `v${i}`)));
    await new Promise((resolve) => setTimeout(resolve, 5));
    proxy.stall();
    const late = subjects.slice(8).map((subject, i) => timed(register(subject, `v${i + 8}`)));
    const settled = await Promise.all([...early, ...late]);
    for (const { value: res, ms } of settled) {
      expect([200, 503], res.text).toContain(res.status);
      expect(ms).toBeLessThan(REGISTRATION_BOUND_MS);
      if (res.status === 503) {
        expectEnvelope(res, 503);
        expect(res.body.message).toMatch(/unavailable|may or may not have been applied; retrying it is safe/);
      }
    }
    for (const { value: res } of settled.slice(8)) expect(res.status).toBe(503);
    proxy.resume();

    await eventually(
      () => send('GET', '/healthz'),
      (res) => res.status === 200,
    );
    // A client retries each 503; whether or not its first attempt committed, the subject ends with one version.
    for (const [i, subject] of subjects.entries()) {
      const first = settled[i]?.value;
      const answer =
        first?.status === 200
          ? first
          : await eventually(
              () => register(subject, `v${i}`),
              (res) => res.status !== 503,
            );
      expect(answer.status, answer.text).toBe(200);
      const versions = await read(`/subjects/${encodeURIComponent(subject)}/versions`);
      expect(versions.body).toEqual([1]);
      const latest = await read(`/subjects/${encodeURIComponent(subject)}/versions/1`);
      expect(latest.body).toMatchObject({ id: answer.body.id, version: 1 });
    }
    // Nothing half-written: each stored version has exactly one event, and no event lacks its version.
    const feed = await read('/events?limit=1000&type=schema.registered');
    for (const subject of subjects) {
      const events = feed.body.events.filter(
        (e: { data: { subject: string } }) => e.data.subject === subject,
      );
      expect(events.map((e: { data: { version: number } }) => e.data.version)).toEqual([1]);
    }
  });
});
