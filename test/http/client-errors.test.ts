import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { expectEnvelope, sendRaw } from '../security/envelope.ts';

/** Requests Node itself refuses, before any route runs, still get the error envelope. */
describe('requests refused by the HTTP parser', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry({ env: { MAX_BODY_BYTES: '4096' } });
  });
  afterAll(async () => {
    await registry?.close();
  });

  /** Writes raw bytes and reads until the server closes the connection. */
  const rawExchange = (bytes: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const url = new URL(registry.url);
      const socket = connect(Number(url.port), url.hostname, () => socket.write(bytes));
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      socket.on('error', reject);
    });

  it('answers a request line over 16 KiB with 431 in the envelope', async () => {
    const res = await sendRaw(registry.url, 'GET', `/subjects/${'a'.repeat(20_000)}/versions`);
    expect(res.status).toBe(431);
    expectEnvelope(res, 431);
  });

  it('answers a malformed request with 400 in the envelope and closes the connection', async () => {
    const text = await rawExchange('GET /subjects HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
    const [head, body] = text.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head?.toLowerCase()).toContain('connection: close');
    expect(JSON.parse(body ?? '')).toEqual({ error_code: 400, message: expect.any(String) });
  });

  it('counts the bytes of a chunked body, which declares no length: 413 past the limit, and closes', async () => {
    const chunk = JSON.stringify({
      schemaType: 'JSON',
      schema: JSON.stringify({ description: 'x'.repeat(3000) }),
    });
    const size = Buffer.byteLength(chunk).toString(16);
    const text = await rawExchange(
      'POST /subjects/chunked/versions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Transfer-Encoding: chunked\r\n\r\n' +
        `${size}\r\n${chunk}\r\n${size}\r\n${chunk}\r\n0\r\n\r\n`,
    );
    const [head, body] = text.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 413 /);
    expect(head?.toLowerCase()).toContain('connection: close');
    expect(JSON.parse(body ?? '')).toMatchObject({ error_code: 413 });
    expect((await registry.call('GET', '/subjects')).body).toEqual([]);
  });

  it('keeps serving after either', async () => {
    const res = await sendRaw(registry.url, 'GET', '/subjects');
    expect(res.status).toBe(200);
  });
});
