import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, STORAGE } from '../helpers/registry.ts';
import { proxyDatabase, type TcpProxy } from './tcpProxy.ts';

/**
 * The database driver as installed: when the server resets a connection, a query issued after the reset
 * surfaced but before the socket closed must be answered (postgres.js 4 runs it on the new connection), and
 * the next query must reconnect cleanly. postgres.js 3.4 left the first unanswered for good and sent its
 * bytes ahead of the reconnect's startup message, so the second waited out connect_timeout.
 */
describe.skipIf(STORAGE !== 'postgres')('a connection reset by the server (postgres)', () => {
  let proxy: TcpProxy;
  let sql: postgres.Sql;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    const proxied = await proxyDatabase(database.url);
    proxy = proxied.proxy;
    // Far beyond the bound below: a reconnect stuck behind stale bytes must not be rescued by its timeout.
    sql = postgres(proxied.viaProxy.toString(), { max: 1, connect_timeout: 60, onnotice: () => {} });
  });
  afterAll(async () => {
    await sql?.end({ timeout: 0 });
    await proxy?.close();
    await drop?.();
  });

  /** The query's outcome, or 'no answer' when it has none within 5 s (the unpatched driver never answers). */
  const outcome = (query: Promise<unknown>): Promise<string> =>
    Promise.race([
      query.then(
        () => 'ok',
        (error: { code?: string }) => `failed ${error.code}`,
      ),
      new Promise<string>((resolve) => setTimeout(() => resolve('no answer'), 5_000).unref()),
    ]);

  it('answers a query caught between the reset and the close, then reconnects', async () => {
    for (let round = 0; round < 5; round++) {
      expect(await outcome(sql`select 1`)).toBe('ok');
      proxy.reset();
      // The query that meets the reset fails; the one issued from its failure handler runs before the
      // socket's close event, on a connection that will not come back.
      let issuedInBetween: Promise<string> | undefined;
      const first = await outcome(
        sql`select 2`.catch((error: unknown) => {
          issuedInBetween = outcome(sql`select 3`);
          throw error;
        }),
      );
      expect(first).toMatch(/^failed /);
      // Answered either way: run on the next connection, or failed so that the caller can retry.
      expect(await issuedInBetween).toMatch(/^(ok|failed .+)$/);
      // And the connection comes back, with nothing stale in front of its startup message.
      expect(await outcome(sql`select 4`)).toBe('ok');
    }
  });
});
