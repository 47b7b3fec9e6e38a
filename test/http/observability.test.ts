import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_SECRET, createKey } from '../auth/keys.ts';
import { capturedLogger } from '../helpers/logLines.ts';
import { startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** X-Request-Id on every response and one access-log line per request, through the app and the fast path. */
describe(`request ids and the access log (${STORAGE})`, () => {
  let registry: TestRegistry;
  const log = capturedLogger('info');
  let id: number;

  beforeAll(async () => {
    registry = await startRegistry({
      env: { ADMIN_KEY: ADMIN_SECRET, LOG_LEVEL: 'info' },
      logger: log.logger,
    });
    const res = await registry.call(
      'POST',
      `/subjects/${uniqueSubject('obs')}/versions`,
      { schemaType: 'JSON', schema: '{"type":"string","description":"SECRET-BODY-MARKER"}' },
      ADMIN,
    );
    id = res.body.id;
  });
  afterAll(async () => {
    await registry?.close();
  });

  const accessLines = () => log.lines().filter((line) => line['message'] === 'request');
  const lineOf = async (requestId: string) => {
    for (let i = 0; i < 100; i++) {
      const line = accessLines().find((l) => l['requestId'] === requestId);
      if (line !== undefined) return line;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no access-log line for ${requestId}`);
  };

  it('echoes a sane X-Request-Id and makes one otherwise, on successes and errors alike', async () => {
    const sent = await fetch(`${registry.url}/subjects`, {
      headers: { 'x-request-id': 'abc-123', ...ADMIN },
    });
    expect(sent.headers.get('x-request-id')).toBe('abc-123');
    const made = await fetch(`${registry.url}/nope`);
    expect(made.status).toBe(404);
    expect(made.headers.get('x-request-id')).toMatch(UUID);
    const insane = await fetch(`${registry.url}/subjects`, { headers: { 'x-request-id': 'a b<script>' } });
    expect(insane.status).toBe(401);
    expect(insane.headers.get('x-request-id')).toMatch(UUID);
  });

  it('writes one line per request with its id, operationId, status, duration and key id, never the body', async () => {
    const reader = await createKey(registry, { role: 'read' });
    await fetch(`${registry.url}/subjects`, { headers: { 'x-request-id': 'line-1', ...reader.headers } });
    expect(await lineOf('line-1')).toMatchObject({
      level: 'info',
      time: expect.any(String),
      requestId: 'line-1',
      operationId: 'listSubjects',
      method: 'GET',
      path: '/subjects',
      status: 200,
      durationMs: expect.any(Number),
      keyId: reader.id,
    });
    await fetch(`${registry.url}/subjects`, { headers: { 'x-request-id': 'line-2' } });
    expect(await lineOf('line-2')).toMatchObject({ operationId: 'listSubjects', status: 401, keyId: null });
    expect(accessLines().filter((l) => l['requestId'] === 'line-1')).toHaveLength(1);
    expect(JSON.stringify(log.lines())).not.toContain('SECRET-BODY-MARKER');
  });

  it('does the same on the by-id fast path', async () => {
    await fetch(`${registry.url}/schemas/ids/${id}`, { headers: ADMIN }); // verifies and caches the key
    const res = await fetch(`${registry.url}/schemas/ids/${id}`, {
      headers: { 'x-request-id': 'fast-1', ...ADMIN },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('fast-1');
    expect(await lineOf('fast-1')).toMatchObject({
      operationId: 'getSchemaById',
      status: 200,
      keyId: 'admin',
    });
    const refused = await fetch(`${registry.url}/schemas/ids/${id}`, {
      headers: { 'x-request-id': 'fast-2' },
    });
    expect(refused.status).toBe(401);
    expect(await lineOf('fast-2')).toMatchObject({ operationId: 'getSchemaById', status: 401 });
  });

  it('ties a 5xx body to its log line through the same request id', async () => {
    const original = registry.deps.metrics.scrape.bind(registry.deps.metrics);
    registry.deps.metrics.scrape = () => Promise.reject(new Error('scrape exploded'));
    try {
      const res = await fetch(`${registry.url}/metrics`, { headers: { 'x-request-id': 'boom-1' } });
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ error_code: 50001, request_id: 'boom-1' });
      const error = log
        .lines()
        .find((l) => l['message'] === 'unexpected error' && l['requestId'] === 'boom-1');
      expect(error?.['level']).toBe('error');
      expect(String(error?.['error'])).toContain('scrape exploded');
      expect(String(error?.['error'])).toMatch(/\n\s+at /);
    } finally {
      registry.deps.metrics.scrape = original;
    }
  });
});
