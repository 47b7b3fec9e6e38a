import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP forwarder the test can cut and restore, standing between the registry and PostgreSQL so a test
 * can make the database vanish (as a crashed server or a network partition does) without touching the
 * shared server.
 */
export interface TcpProxy {
  /** The local port clients connect to; stays the same across cut and restore. */
  readonly port: number;
  /** Open client connections right now (each paired with one upstream connection). */
  connections(): number;
  /** Destroys every connection in both directions and stops accepting: new connects are refused. */
  cut(): Promise<void>;
  /** Resets every client connection (TCP RST, as a restarting server does) and keeps accepting new ones. */
  reset(): void;
  /**
   * Stops forwarding in both directions without closing anything, as a network partition does: connections
   * stay open and new ones are accepted, but no byte gets through until `resume`.
   */
  stall(): void;
  /** Forwards again, what was held first. */
  resume(): void;
  /** Listens again on the same port and forwards new connections to the target. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** Starts forwarding 127.0.0.1:<free port> → `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<[client: Socket, upstream: Socket]>();
  let server: Server | undefined;
  let stalled = false;
  const forward = ([client, upstream]: [Socket, Socket]): void => {
    client.pipe(upstream);
    upstream.pipe(client);
  };
  const hold = ([client, upstream]: [Socket, Socket]): void => {
    client.unpipe(upstream);
    upstream.unpipe(client);
    client.pause();
    upstream.pause();
  };

  const onConnection = (client: Socket): void => {
    const upstream = connect(target.port, target.host);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    // Errors end the pair like a reset would; they are the point of the exercise, not failures.
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    if (stalled) hold(pair);
    else forward(pair);
  };

  const listen = (port: number): Promise<Server> =>
    new Promise((resolve, reject) => {
      const next = createServer(onConnection);
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        next.off('error', reject);
        resolve(next);
      });
    });

  server = await listen(0);
  const port = (server.address() as AddressInfo).port;

  const stop = async (): Promise<void> => {
    const closing = server;
    server = undefined;
    for (const [client, upstream] of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
    if (closing !== undefined) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };

  return {
    port,
    connections: () => pairs.size,
    cut: stop,
    reset() {
      for (const [client, upstream] of pairs) {
        client.resetAndDestroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    stall() {
      stalled = true;
      for (const pair of pairs) hold(pair);
    },
    resume() {
      stalled = false;
      for (const pair of pairs) forward(pair);
    },
    async restore() {
      if (server === undefined) server = await listen(port);
    },
    close: stop,
  };
}

/** A proxy in front of the database `url` points at, and the same URL through it. */
export async function proxyDatabase(url: string): Promise<{ proxy: TcpProxy; viaProxy: URL }> {
  const target = new URL(url);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const viaProxy = new URL(url);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  return { proxy, viaProxy };
}
