import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLogger } from '../helpers/logLines.ts';
import { createTestDatabase, startRegistry, STORAGE, type TestRegistry } from '../helpers/registry.ts';
import { proxyDatabase, type TcpProxy } from './tcpProxy.ts';

/** An expected 503 is one warn line without a stack, at most once a second per cause; not one per request. */
describe.skipIf(STORAGE !== 'postgres')('log lines while the database is away', () => {
  let proxy: TcpProxy;
  let registry: TestRegistry;
  let dropDatabase: () => Promise<void>;
  const log = capturedLogger('warn');

  beforeAll(async () => {
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    const { proxy: started, viaProxy } = await proxyDatabase(database.url);
    proxy = started;
    viaProxy.searchParams.set('connect_timeout', '2');
    registry = await startRegistry({ databaseUrl: viaProxy.toString(), logger: log.logger });
  });
  afterAll(async () => {
    await registry?.close();
    await proxy?.close();
    await dropDatabase?.();
  });

  it('writes one warn line a second per cause, without a stack, and answers every request 503', async () => {
    await proxy.cut();
    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await fetch(`${registry.url}/subjects`)).status);
    const seconds = Math.ceil((Date.now() - started) / 1000);
    expect(new Set(statuses)).toEqual(new Set([503]));
    await new Promise((resolve) => setTimeout(resolve, 100)); // pino writes asynchronously
    const outage = log.lines().filter((line) => line['message'] === 'dependency unavailable');
    const causes = new Set(outage.map((line) => line['cause']));
    expect(outage.length).toBeGreaterThan(0);
    expect(outage.length).toBeLessThanOrEqual(causes.size * (seconds + 1));
    for (const line of outage) {
      expect(line['level']).toBe('warn');
      expect(line['requestId']).toEqual(expect.any(String));
      expect(JSON.stringify(line)).not.toMatch(/\\n\s+at /);
    }
    expect(
      log.lines().filter((line) => line['level'] === 'error' && line['message'] === 'request failed'),
    ).toEqual([]);
  });
});
