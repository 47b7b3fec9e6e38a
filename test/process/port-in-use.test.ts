import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUpProcesses, spawnRegistry, type Launcher } from './registryProcess.ts';

describe('a port already in use', () => {
  let holder: Server;
  let port: number;
  beforeAll(async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    port = (holder.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await cleanUpProcesses();
    await new Promise((resolve) => holder.close(resolve));
  });

  it.each<Launcher>(['main', 'cli'])(
    'exits 2 with one line naming the port (%s)',
    async (launcher) => {
      const registry = spawnRegistry({ PORT: String(port), DATA_DIR: 'memory://' }, launcher);
      expect(await registry.exited).toEqual({ code: 2, signal: null });
      const lines = registry
        .stderr()
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('{'));
      expect(lines).toEqual([
        `schemata: port ${port} on 127.0.0.1 is already in use; stop the process that holds it or choose another PORT`,
      ]);
      expect(registry.stderr()).not.toMatch(/^\s+at /m);
    },
    60_000,
  );
});
