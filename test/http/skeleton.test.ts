import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, STORAGE, type TestRegistry } from '../helpers/registry.ts';

/** The tag of the journal's newest migration (migrations apply in `when` order). */
function newestMigrationTag(): string {
  const journal = JSON.parse(
    readFileSync(new URL('../../drizzle/meta/_journal.json', import.meta.url), 'utf8'),
  ) as {
    entries: { when: number; tag: string }[];
  };
  return [...journal.entries].sort((a, b) => a.when - b.when).at(-1)?.tag ?? '';
}

describe(`HTTP skeleton (${STORAGE})`, () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry.close();
  });

  it('answers GET / with an empty object', async () => {
    const res = await registry.call('GET', '/');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expect(res.headers.get('content-type')).toBe('application/vnd.schemaregistry.v1+json');
  });

  it('answers unknown routes with the 404 envelope', async () => {
    const res = await registry.call('GET', '/associations/resources/-/orders');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error_code: 404, message: expect.any(String) });
  });

  it('answers a wrong method on a known path with 405 in the envelope', async () => {
    const res = await registry.call('PATCH', '/config');
    expect(res.status).toBe(405);
    expect(res.body.error_code).toBe(405);
  });

  it('reports health with the newest registry migration as schema_version', async () => {
    const res = await registry.call('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      schema_version: newestMigrationTag(),
      database: 'ok',
      outbox_lag: 0,
    });
    expect(['redis', 'in-process']).toContain(res.body.bus);
  });

  it('answers in the media type the client accepts', async () => {
    const res = await registry.call('GET', '/contexts', undefined, { accept: 'application/json' });
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.body).toEqual(['.']);
  });
});
