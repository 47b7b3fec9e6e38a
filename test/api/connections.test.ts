import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORAGE, startRegistry, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';

const POOL_MAX = 3;

/**
 * DATABASE_POOL_MAX bounds what one instance opens, so that an operator can fit N instances under the
 * server's max_connections: the pool (the relay's reserved session included) plus postgres.js's one LISTEN
 * connection, whatever the load.
 */
describe.skipIf(STORAGE !== 'postgres')('connections per instance (postgres)', () => {
  let registry: TestRegistry;
  let admin: postgres.Sql;
  beforeAll(async () => {
    registry = await startRegistry({ env: { DATABASE_POOL_MAX: String(POOL_MAX) } });
    // On the server's maintenance database, so this connection is not counted with the registry's.
    admin = postgres(process.env['DATABASE_URL'] ?? '', { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await admin?.end();
    await registry?.close();
  });

  const post = (subject: string, title: string) =>
    fetch(`${registry.url}/subjects/${encodeURIComponent(subject)}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schemaType: 'JSON', schema: JSON.stringify({ type: 'object', title }) }),
    });

  it(`keeps to DATABASE_POOL_MAX=${POOL_MAX} (+1 LISTEN) under concurrent registrations and reads`, async () => {
    const database = new URL(registry.databaseUrl ?? '').pathname.slice(1);
    const backends = async () =>
      Number(
        (
          await admin<{ n: string }[]>`select count(*) as n from pg_stat_activity where datname = ${database}`
        )[0]?.n,
      );
    let peak = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await backends());
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const subjects = Array.from({ length: 20 }, () => uniqueSubject('pool'));
    const requests = subjects.flatMap((subject) => [
      ...Array.from({ length: 3 }, (_, i) => post(subject, `${subject} ${i}`)),
      fetch(`${registry.url}/subjects/${encodeURIComponent(subject)}/versions`),
    ]);
    const answers = await Promise.all(requests);
    sampling = false;
    await sampler;
    // Reads of a subject not yet registered are 404; everything else succeeds.
    expect(answers.every((res) => res.status === 200 || res.status === 404)).toBe(true);
    for (const subject of subjects) {
      const versions = await registry.call('GET', `/subjects/${encodeURIComponent(subject)}/versions`);
      expect(versions.body).toEqual([1, 2, 3]);
    }
    expect(peak).toBeGreaterThanOrEqual(POOL_MAX);
    expect(peak).toBeLessThanOrEqual(POOL_MAX + 1);
  });
});
