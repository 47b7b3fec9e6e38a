import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type NetConnectOpts } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/**
 * A redis-server of the test's own, on a free port, that the test may kill and restart without touching
 * the shared server. No persistence: a restart comes back empty, like a crashed Redis.
 */
export interface PrivateRedis {
  url: string;
  port: number;
  /** Kills the server (SIGKILL: as abrupt as a crash). */
  stop(): Promise<void>;
  /**
   * Starts it again. With `tcp: false` it listens only on `socketPath`, so a test can subscribe first and
   * then let everyone else back in with `openTcp()` — no race over who reconnects first.
   */
  start(options?: { tcp?: boolean }): Promise<void>;
  /** Starts listening on the TCP port again (CONFIG SET port, Redis 7). */
  openTcp(): Promise<void>;
  /** The Unix socket (usable as an ioredis connection string). */
  socketPath: string;
  close(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'schemata-redis-'));
  let child: ChildProcess | undefined;

  const socketPath = join(dir, 'redis.sock');
  const start = async (options: { tcp?: boolean } = {}) => {
    const tcp = options.tcp ?? true;
    const args = ['--port', tcp ? String(port) : '0', '--bind', '127.0.0.1', '--unixsocket', socketPath];
    args.push('--save', '', '--appendonly', 'no', '--dir', dir);
    child = spawn('redis-server', args, { stdio: 'ignore' });
    await (tcp
      ? waitFor(() => canConnect({ port, host: '127.0.0.1' }))
      : waitFor(() => canConnect({ path: socketPath })));
  };
  const openTcp = async () => {
    const admin = new Redis(socketPath);
    try {
      await admin.config('SET', 'port', String(port));
    } finally {
      admin.disconnect();
    }
    await waitFor(() => canConnect({ port, host: '127.0.0.1' }));
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    socketPath,
    stop,
    start,
    openTcp,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function canConnect(target: { port: number; host: string } | { path: string }): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = connect(target as NetConnectOpts);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('redis-server did not start listening');
}
