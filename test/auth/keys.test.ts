import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { readWholeFeed, eventually } from '../events/helpers.ts';
import { startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { ADMIN, ADMIN_SECRET, bearer, createKey } from './keys.ts';

const schema = { schemaType: 'JSON', schema: '{"type":"string"}' };

describe(`API keys (${STORAGE})`, () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry({ env: { ADMIN_KEY: ADMIN_SECRET } });
  });
  afterAll(async () => {
    await registry?.close();
  });

  it('creates a key, showing its secret and token once and storing only an scrypt hash', async () => {
    const created = await registry.call(
      'POST',
      '/admin/keys',
      { role: 'write', subjects: ['orders-'], description: 'orders CI' },
      ADMIN,
    );
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{16}$/),
      secret: expect.any(String),
      token: expect.stringMatching(/^sch_/),
      role: 'write',
      subjects: ['orders-'],
      description: 'orders CI',
      created_at: expect.any(String),
    });
    const [row] = await queryRows<{ secret_hash: string }>(
      registry.deps.db,
      sql`select secret_hash from api_keys where id = ${created.body.id}`,
    );
    expect(row?.secret_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(row?.secret_hash).not.toContain(created.body.secret);

    const listed = await registry.call('GET', '/admin/keys', undefined, ADMIN);
    const entry = listed.body.find((k: { id: string }) => k.id === created.body.id);
    expect(entry).toEqual({
      id: created.body.id,
      role: 'write',
      subjects: ['orders-'],
      description: 'orders CI',
      created_at: created.body.created_at,
      last_used_at: null,
    });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
  });

  it('authenticates with Basic id:secret and with the Bearer token, and records the last use', async () => {
    const key = await createKey(registry, { role: 'read' });
    expect((await registry.call('GET', '/subjects', undefined, key.headers)).status).toBe(200);
    expect((await registry.call('GET', '/subjects', undefined, bearer(key.token))).status).toBe(200);
    const lastUsed = await eventually(async () => {
      const listed = await registry.call('GET', '/admin/keys', undefined, ADMIN);
      return listed.body.find((k: { id: string }) => k.id === key.id)?.last_used_at ?? undefined;
    });
    expect(Date.parse(lastUsed as string)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('validates the request to create a key', async () => {
    for (const body of [
      {},
      { role: 'root' },
      { role: 'read', subjects: [] },
      { role: 'read', subjects: [''] },
    ]) {
      const res = await registry.call('POST', '/admin/keys', body, ADMIN);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error_code).toBe(400);
    }
  });

  it('revokes a key: refused at once afterwards; an unknown key is 404/40410', async () => {
    const key = await createKey(registry, { role: 'admin' });
    expect((await registry.call('GET', '/admin/keys', undefined, key.headers)).status).toBe(200);
    const revoked = await registry.call('DELETE', `/admin/keys/${key.id}`, undefined, ADMIN);
    expect(revoked).toMatchObject({ status: 200, body: { id: key.id, role: 'admin' } });
    expect((await registry.call('GET', '/subjects', undefined, key.headers)).status).toBe(401);
    expect((await registry.call('GET', '/subjects', undefined, bearer(key.token))).status).toBe(401);
    const again = await registry.call('DELETE', `/admin/keys/${key.id}`, undefined, ADMIN);
    expect(again).toMatchObject({ status: 404, body: { error_code: 40410 } });
  });

  it('records the key that caused each event as its actor', async () => {
    const writer = await createKey(registry, { role: 'write' });
    const subject = uniqueSubject('actor');
    const path = `/subjects/${subject}`;
    expect(
      (await registry.call('PUT', `/config/${subject}`, { compatibility: 'NONE' }, writer.headers)).status,
    ).toBe(200);
    expect((await registry.call('POST', `${path}/versions`, schema, writer.headers)).status).toBe(200);
    expect((await registry.call('DELETE', `${path}/versions/1`, undefined, writer.headers)).status).toBe(200);
    expect(
      (await registry.call('DELETE', `${path}/versions/1?permanent=true`, undefined, ADMIN)).status,
    ).toBe(200);
    const revoke = await createKey(registry, { role: 'read' });
    await registry.call('DELETE', `/admin/keys/${revoke.id}`, undefined, ADMIN);

    const events = await eventually(async () => {
      const all = await readWholeFeed(registry, 0, '', ADMIN);
      return all.some((e) => e.event_type === 'key.revoked' && e.data['id'] === revoke.id) ? all : undefined;
    });
    const mine = events.filter((e) => e.data['subject'] === subject);
    expect(mine.map((e) => [e.event_type, e.data['actor']])).toContainEqual(['config.changed', writer.id]);
    expect(mine.map((e) => [e.event_type, e.data['actor']])).toContainEqual(['version.deleted', writer.id]);
    expect(mine.filter((e) => e.data['permanent'] === true).map((e) => e.data['actor'])).toEqual(['admin']);
    expect(events.find((e) => e.event_type === 'key.created' && e.data['id'] === writer.id)?.data).toEqual({
      id: writer.id,
      role: 'write',
      subjects: null,
      actor: 'admin',
    });
  });
});

describe.runIf(STORAGE === 'postgres')('revoking a key on another instance (postgres)', () => {
  let first: TestRegistry;
  let second: TestRegistry;
  beforeAll(async () => {
    first = await startRegistry({ env: { ADMIN_KEY: ADMIN_SECRET }, useRedis: true });
    second = await startRegistry({
      env: { ADMIN_KEY: ADMIN_SECRET },
      databaseUrl: first.databaseUrl,
      useRedis: true,
    });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('is refused by every instance once its key.revoked event arrives', async () => {
    const key = await createKey(first, { role: 'read' });
    // The second instance has verified (and cached) the key before it is revoked on the first.
    expect((await second.call('GET', '/subjects', undefined, key.headers)).status).toBe(200);
    expect((await first.call('DELETE', `/admin/keys/${key.id}`, undefined, ADMIN)).status).toBe(200);
    const status = await eventually(async () => {
      const res = await second.call('GET', '/subjects', undefined, key.headers);
      return res.status === 401 ? res.status : undefined;
    });
    expect(status).toBe(401);
  });
});
