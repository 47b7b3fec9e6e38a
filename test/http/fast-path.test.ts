import type { AddressInfo } from 'node:net';
import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApp } from '../../src/http/server.ts';
import { schemaText, startRegistry, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';

/**
 * The server answers GET /schemas/ids/{id} for schemas already in memory without going through the app
 * (src/http/server.ts). Clients must not be able to tell: same status, body and media type as the app's
 * route gives, and every request the fast path does not fully understand still reaches the app.
 */
describe('the by-id fast path', () => {
  let registry: TestRegistry;
  let server: ServerType;
  let base: string;
  let appCalls = 0;
  let id: number;
  let subject: string;

  beforeAll(async () => {
    registry = await startRegistry();
    const counted = {
      fetch: (request: Request, env?: unknown) => {
        appCalls += 1;
        return registry.app.fetch(request, env);
      },
    };
    server = await new Promise<ServerType>((resolve) => {
      const s = serveApp(counted, registry.deps, { port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    subject = uniqueSubject('fast');
    const registered = await registry.call('POST', `/subjects/${subject}/versions`, {
      schemaType: 'JSON',
      schema: schemaText({ type: 'object', properties: { naïve: { type: 'string', description: '€ ✓' } } }),
    });
    expect(registered.status).toBe(200);
    id = registered.body.id as number;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await registry?.close();
  });

  /** Over the socket, counting whether the app saw the request. */
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const before = appCalls;
    const res = await fetch(base + path, { headers });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: await res.text(),
      viaApp: appCalls > before,
    };
  };
  /** The app's own answer to the same request, in process. */
  const appAnswer = async (path: string, headers: Record<string, string> = {}) => {
    const res = await registry.app.request(path, { headers });
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  };

  it('serves a schema in memory without the app, byte for byte what the app answers', async () => {
    await get(`/schemas/ids/${id}`); // the first read loads the cache
    const fast = await get(`/schemas/ids/${id}`);
    expect(fast.viaApp).toBe(false);
    const { viaApp: _viaApp, ...answer } = fast;
    expect(answer).toEqual(await appAnswer(`/schemas/ids/${id}`));
    expect(JSON.parse(fast.body)).toMatchObject({ schemaType: 'JSON' });
  });

  it('negotiates the media type from Accept as the app does', async () => {
    for (const accept of [
      'application/json',
      'application/vnd.schemaregistry+json',
      'application/vnd.schemaregistry.v1+json, application/json;q=0.5',
      'text/html',
    ]) {
      const fast = await get(`/schemas/ids/${id}`, { accept });
      expect(fast.viaApp).toBe(false);
      expect(fast.type).toBe((await appAnswer(`/schemas/ids/${id}`, { accept })).type);
    }
  });

  it('takes the subject hint Confluent clients send, and leaves every other query to the app', async () => {
    expect((await get(`/schemas/ids/${id}?subject=${subject}`)).viaApp).toBe(false);
    const withMaxId = await get(`/schemas/ids/${id}?fetchMaxId=true`);
    expect(withMaxId.viaApp).toBe(true);
    expect(JSON.parse(withMaxId.body)).toMatchObject({ maxId: expect.any(Number) });
    expect((await get(`/schemas/ids/${id}?subject=${subject}&format=x`)).viaApp).toBe(true);
  });

  it('leaves misses, odd spellings and other methods to the app, which answers them in the envelope', async () => {
    const unknown = await get('/schemas/ids/987654321');
    expect(unknown).toMatchObject({ status: 404, viaApp: true });
    expect(JSON.parse(unknown.body)).toMatchObject({ error_code: 40403 });
    for (const path of [`/schemas/ids/0${id}`, '/schemas/ids/-1', `/schemas/ids/${id}/subjects`]) {
      const res = await get(path);
      expect(res.viaApp).toBe(true);
      expect(res).toMatchObject(await appAnswer(path));
    }
    const before = appCalls;
    const head = await fetch(`${base}/schemas/ids/${id}`, { method: 'HEAD' });
    expect(appCalls).toBe(before + 1);
    expect(head.status).toBe((await registry.app.request(`/schemas/ids/${id}`, { method: 'HEAD' })).status);
  });

  it('stops serving an id once a permanent delete makes it unreadable', async () => {
    const gone = uniqueSubject('fast-gone');
    const registered = await registry.call('POST', `/subjects/${gone}/versions`, {
      schemaType: 'JSON',
      schema: schemaText({ type: 'string', title: gone }),
    });
    const goneId = registered.body.id as number;
    await get(`/schemas/ids/${goneId}`);
    expect((await get(`/schemas/ids/${goneId}`)).viaApp).toBe(false);
    expect((await registry.call('DELETE', `/subjects/${gone}`)).status).toBe(200);
    expect((await registry.call('DELETE', `/subjects/${gone}?permanent=true`)).status).toBe(200);
    // The cache learns of the delete from the change event, which follows the commit by a moment.
    let after = await get(`/schemas/ids/${goneId}`);
    for (let i = 0; i < 100 && after.status === 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      after = await get(`/schemas/ids/${goneId}`);
    }
    expect(after.status).toBe(404);
    expect(JSON.parse(after.body)).toMatchObject({ error_code: 40403 });
  });
});
