import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One exchange as the client saw it on the wire. */
export interface RecordedCall {
  method: string;
  /** Raw request target, still percent-encoded, with its query string. */
  path: string;
  status: number;
  /** Response body text. */
  body: string;
}

export interface Recorder {
  /** Point the client under test here instead of at the registry. */
  url: string;
  calls: RecordedCall[];
  /** `"METHOD path → status"` lines, easy to compare in assertions. */
  lines(): string[];
  clear(): void;
  close(): Promise<void>;
}

/**
 * A transparent HTTP proxy in front of the registry that records every request an unmodified client makes,
 * so tests can assert the exact wire conversation (e.g. kafkajs' GET /config → 404 → POST → PUT dance).
 */
export async function startRecorder(target: string): Promise<Recorder> {
  const upstream = new URL(target);
  const calls: RecordedCall[] = [];

  const forward = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestBody = await readAll(req);
    const headers = { ...req.headers, host: upstream.host };
    const upstreamRes = await new Promise<IncomingMessage>((resolve, reject) => {
      const outgoing = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
        resolve,
      );
      outgoing.on('error', reject);
      outgoing.end(requestBody);
    });
    const responseBody = await readAll(upstreamRes);
    calls.push({
      method: req.method ?? '?',
      path: req.url ?? '',
      status: upstreamRes.statusCode ?? 0,
      body: responseBody.toString('utf8'),
    });
    res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
    res.end(responseBody);
  };

  const server = createServer((req, res) => {
    forward(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('recorder: upstream unreachable');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    lines: () => calls.map((call) => `${call.method} ${call.path} → ${call.status}`),
    clear: () => {
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
