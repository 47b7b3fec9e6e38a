import { createTestDatabase, startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { sendRaw, type RawResponse } from '../security/envelope.ts';
import { proxyDatabase, type TcpProxy } from './tcpProxy.ts';

/** A registry on a fresh database reached through a proxy the test controls (cut, reset, stall). */
export interface ProxiedRegistry {
  proxy: TcpProxy;
  registry: TestRegistry;
  /** A request over the registry's socket, JSON body in, the raw response out. */
  send(method: string, path: string, body?: unknown): Promise<RawResponse>;
  close(): Promise<void>;
}

/**
 * Starts one. 503s are logged as errors by design, and an outage is these suites' normal, so the registry
 * logs nothing unless `env` says otherwise; connecting gives up after 2 s.
 */
export async function startProxiedRegistry(env: Record<string, string> = {}): Promise<ProxiedRegistry> {
  const database = await createTestDatabase();
  const { proxy, viaProxy } = await proxyDatabase(database.url);
  viaProxy.searchParams.set('connect_timeout', '2');
  const registry = await startRegistry({
    databaseUrl: viaProxy.toString(),
    env: { LOG_LEVEL: 'silent', ...env },
  });
  return {
    proxy,
    registry,
    send: (method, path, body) =>
      sendRaw(registry.url, method, path, body === undefined ? undefined : JSON.stringify(body), {
        'content-type': 'application/vnd.schemaregistry.v1+json',
      }),
    async close() {
      await registry.close();
      await proxy.close();
      await database.drop();
    },
  };
}

/** Polls until `check` passes: recovery is asynchronous, and how long it takes is not what is tested. */
export async function eventually<T>(attempt: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  let last: T = await attempt();
  for (let tries = 0; !check(last) && tries < 100; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await attempt();
  }
  return last;
}
