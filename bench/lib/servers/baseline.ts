import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { announce, childOptions, failed } from '../child.ts';

interface BaselineOptions {
  /** `raw`: bare node:http; `hono`: an empty Hono app on @hono/node-server (isolates framework overhead). */
  kind: 'raw' | 'hono';
  body: string;
  contentType: string;
}

/** A server that answers every request with the registry's own by-id response bytes, doing nothing else. */
function start(): void {
  const { kind, body, contentType } = childOptions<BaselineOptions>();
  const payload = Buffer.from(body, 'utf8');
  if (kind === 'raw') {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': contentType, 'content-length': payload.length });
      res.end(payload);
    });
    server.listen(0, '127.0.0.1', () => {
      announce(
        (server.address() as AddressInfo).port,
        () => new Promise((resolve) => server.close(() => resolve())),
      );
    });
    return;
  }
  const app = new Hono();
  app.get('/schemas/ids/:id', () => new Response(body, { headers: { 'content-type': contentType } }));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    announce((info as AddressInfo).port, () => new Promise((resolve) => server.close(() => resolve())));
  });
}

try {
  start();
} catch (error) {
  failed(error);
}
