import { request, type ClientRequest } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanUpProcesses, startRegistryProcess, tempDataDir } from './registryProcess.ts';

interface Reply {
  status: number;
  body: string;
}

/** Opens a PUT whose body the test sends later; resolves once the server has accepted the request headers. */
async function openUpload(url: string): Promise<{ req: ClientRequest; reply: Promise<Reply> }> {
  // `Expect: 100-continue` makes the server acknowledge the headers, so from then on the request is in flight.
  const req = request(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json', expect: '100-continue' },
  });
  const reply = new Promise<Reply>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
  });
  await new Promise<void>((resolve, reject) => {
    req.once('continue', () => resolve());
    req.once('error', reject);
    req.flushHeaders();
  });
  return { req, reply };
}

describe('graceful shutdown', () => {
  afterAll(cleanUpProcesses);

  it('on SIGTERM to `npm start` refuses new connections, finishes the request in flight and exits 0', async () => {
    const registry = await startRegistryProcess({ DATA_DIR: tempDataDir() }, 'npm');
    const upload = await openUpload(`${registry.url}/config`);
    upload.req.write('{"compatibility":');

    registry.child.kill('SIGTERM');
    await registry.waitForLog('shutting down');
    await expect(fetch(`${registry.url}/healthz`)).rejects.toThrow();

    // The rest of the body arrives after the signal: the request must still be served, not cut off.
    upload.req.end('"NONE"}');
    const reply = await upload.reply;
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ compatibility: 'NONE' });
    expect(await registry.exited).toEqual({ code: 0, signal: null });
  }, 180_000);
});
