import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { schemaText, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { expectEnvelope } from '../security/envelope.ts';
import { eventually, startProxiedRegistry, type ProxiedRegistry } from './proxiedRegistry.ts';
import type { TcpProxy } from './tcpProxy.ts';

/**
 * The registry talks to PostgreSQL through a proxy the test can cut: the database "goes away" the way a
 * crashed server or a partition makes it, while the process and its caches stay up.
 */
describe.skipIf(STORAGE !== 'postgres')('when the database becomes unreachable', () => {
  let proxied: ProxiedRegistry;
  let proxy: TcpProxy;
  let registry: TestRegistry;
  let send: ProxiedRegistry['send'];

  beforeAll(async () => {
    proxied = await startProxiedRegistry();
    ({ proxy, registry, send } = proxied);
  });
  afterEach(async () => {
    await proxy.restore();
  });
  afterAll(async () => {
    await proxied?.close();
  });

  const register = (subject: string, doc: unknown) =>
    send('POST', `/subjects/${encodeURIComponent(subject)}/versions`, {
      schemaType: 'JSON',
      schema: schemaText(doc),
    });

  /** A driver error that says "connection gone" (what the HTTP layer turns into 503), possibly wrapped by drizzle. */
  const retryable = (error: unknown): boolean => {
    const codes: unknown[] = [];
    for (let at = error; at instanceof Error; at = at.cause) codes.push((at as { code?: unknown }).code);
    return codes.some((code) => ['CONNECTION_CLOSED', 'ECONNRESET', 'ECONNREFUSED'].includes(String(code)));
  };

  it('answers /healthz 503 in the health shape, naming the database', async () => {
    expect((await send('GET', '/healthz')).status).toBe(200);
    await proxy.cut();
    const health = await send('GET', '/healthz');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({
      status: 'unavailable',
      bus: expect.any(String),
      version: expect.any(String),
    });
    expect(health.body.database).toEqual(expect.any(String));
    expect(health.body.database).not.toBe('ok');
    expect(health.text).not.toMatch(/ECONN|postgres|\.ts:\d+/);
  });

  it('refuses registration with 503 in the envelope, so clients retry, and serves reads without a 500', async () => {
    const subject = uniqueSubject('down');
    // The previous test's outage may still be in the driver's reconnect backoff: retry a 503 as clients do.
    const first = await eventually(
      () => register(subject, { type: 'string' }),
      (res) => res.status !== 503,
    );
    expect(first.status).toBe(200);
    expect((await send('GET', `/schemas/ids/${first.body.id}`)).status).toBe(200);

    await proxy.cut();
    const refused = await register(subject, { type: ['string', 'null'] });
    expect(refused.status).toBe(503);
    expectEnvelope(refused);
    expect([503, 50002]).toContain(refused.body.error_code);

    // An id already fetched may be answered from memory; anything else must be a retryable 503.
    for (const path of [
      `/schemas/ids/${first.body.id}`,
      '/subjects',
      `/subjects/${subject}/versions`,
      '/config',
      '/events',
    ]) {
      const res = await send('GET', path);
      expect([200, 503], `${path} → ${res.status} ${res.text}`).toContain(res.status);
      if (res.status === 503) expectEnvelope(res, 503);
    }
    expect((await send('GET', '/')).status).toBe(200);
  });

  it('recovers by itself once the database is back, without losing what it acknowledged', async () => {
    const subject = uniqueSubject('recover');
    // The previous test's outage may still be draining from the pool: retry a 503 as clients do.
    const acknowledged = await eventually(
      () => register(subject, { type: 'string' }),
      (res) => res.status !== 503,
    );
    expect(acknowledged.status).toBe(200);
    await proxy.cut();
    expect((await register(subject, { type: ['string', 'integer'] })).status).toBe(503);
    await proxy.restore();

    const health = await eventually(
      () => send('GET', '/healthz'),
      (res) => res.status === 200,
    );
    expect(health.body).toMatchObject({ status: 'ok', database: 'ok' });
    // Other pool connections reconnect as they are needed; a client retries a 503, and so does this test.
    const next = await eventually(
      () => register(subject, { type: ['string', 'integer'] }),
      (res) => res.status !== 503,
    );
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ version: 2 });
    expect((await send('GET', `/subjects/${subject}/versions`)).body).toEqual([1, 2]);
    const feed = await eventually(
      () => send('GET', `/events?subject=${subject}`),
      (res) => res.status === 200 && res.body.events.length === 2,
    );
    expect(feed.body.events.map((event: { data: { version: number } }) => event.data.version)).toEqual([
      1, 2,
    ]);
  });

  it('fails a transaction caught by the drop with a retryable error, and carries on', async () => {
    // Deterministic version of what the next test does by timing: statements on both sides of the cut.
    const transaction = registry.deps.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      await proxy.cut();
      await tx.execute(sql`select 2`);
    });
    await expect(transaction).rejects.toSatisfy((error: unknown) => retryable(error));
    await proxy.restore();
    const health = await eventually(
      () => send('GET', '/healthz'),
      (res) => res.status === 200,
    );
    expect(health.body.database).toBe('ok');
  });

  it('survives the database dropping while registrations are in flight: every 200 is kept, the rest are 503', async () => {
    const subjects = Array.from({ length: 24 }, () => uniqueSubject('inflight'));
    const results = subjects.map((subject, i) => register(subject, { type: 'object', title: `v${i}` }));
    await Promise.race(results);
    await proxy.cut();
    const settled = await Promise.all(results);
    await proxy.restore();

    for (const res of settled) {
      expect([200, 503], res.text).toContain(res.status);
      if (res.status !== 200) expectEnvelope(res);
    }
    await eventually(
      () => send('GET', '/healthz'),
      (res) => res.status === 200,
    );
    const kept = subjects.filter((_, i) => settled[i]?.status === 200);
    expect(kept.length).toBeGreaterThan(0);
    for (const subject of kept) {
      expect((await send('GET', `/subjects/${subject}/versions`)).body).toEqual([1]);
    }
    const feed = await eventually(
      () => send('GET', '/events?limit=1000'),
      (res) =>
        kept.every((s) => res.body.events?.some((e: { data: { subject: string } }) => e.data.subject === s)),
    );
    for (const subject of kept) {
      expect(
        feed.body.events.some((e: { data: { subject: string } }) => e.data.subject === subject),
        subject,
      ).toBe(true);
    }
    // A client retries what failed; each retry lands (the one version, whether or not the first try committed).
    for (const [i, subject] of subjects.entries()) {
      if (settled[i]?.status === 200) continue;
      const retried = await eventually(
        () => register(subject, { type: 'object', title: `v${i}` }),
        (res) => res.status !== 503,
      );
      expect(retried.status, retried.text).toBe(200);
      expect((await send('GET', `/subjects/${subject}/versions`)).body).toEqual([1]);
    }
  });
});
