import { request } from 'node:http';
import { expect } from 'vitest';

/** What a raw request answered: the status, the exact text and the parsed body (when it is JSON). */
export interface RawResponse {
  status: number;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Sends exactly these bytes over a fresh socket (no keep-alive, no client-side encoding), so a test
 * controls invalid UTF-8, missing content types and oversized bodies, and an early 413 cannot poison a
 * pooled connection for the next request.
 */
export function sendRaw(
  baseUrl: string,
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { connection: 'close', ...headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = undefined;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch {
            parsed = text;
          }
          resolve({ status: res.statusCode ?? 0, text, body: parsed, headers: res.headers });
        });
        res.on('error', reject);
      },
    );
    // The server may answer (413) and close before it has read everything we send: that is not a failure.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    req.end(body);
  });
}

/** Internals that must never reach a client: stack frames, source paths, dependencies, the database, SQL. */
const INTERNALS = [
  /at .*\.ts:\d+/,
  /\n\s+at /,
  /node_modules/,
  /postgres/,
  /SQL/,
  /\bselect\b.*\bfrom\b/i,
  /\/work\//,
];

/** Asserts the `{error_code, message}` envelope with the given code and nothing internal in it. */
export function expectEnvelope(
  res: { status: number; text: string; body: unknown },
  errorCode?: number,
): void {
  const body = res.body as { error_code?: unknown; message?: unknown };
  expect(res.status, `an error status, got ${res.status} ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(
    400,
  );
  expect(typeof body, `a JSON object, got ${res.status} ${res.text.slice(0, 200)}`).toBe('object');
  if (errorCode !== undefined) expect(body.error_code, res.text.slice(0, 300)).toBe(errorCode);
  expect(Number.isInteger(body.error_code) && body.error_code !== 0).toBe(true);
  expect(typeof body.message).toBe('string');
  expect(body.message).not.toBe('');
  for (const pattern of INTERNALS) expect(res.text).not.toMatch(pattern);
}
