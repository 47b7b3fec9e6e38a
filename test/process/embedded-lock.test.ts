import { afterAll, describe, expect, it } from 'vitest';
import { cleanUpProcesses, spawnRegistry, startRegistryProcess, tempDataDir } from './registryProcess.ts';

const PROCESS_TIMEOUT = 180_000;

async function globalLevel(url: string): Promise<unknown> {
  const res = await fetch(`${url}/config`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { compatibilityLevel?: unknown }).compatibilityLevel;
}

// PGlite silently loses writes when two processes open one directory, so the second must refuse to start.
describe('embedded mode: one process per data directory', () => {
  afterAll(cleanUpProcesses);

  it(
    'refuses a second process on the same DATA_DIR and starts again once the first has stopped',
    async () => {
      const dataDir = tempDataDir();
      const first = await startRegistryProcess({ DATA_DIR: dataDir });
      const put = await fetch(`${first.url}/config`, {
        method: 'PUT',
        headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({ compatibility: 'FULL' }),
      });
      expect(put.status).toBe(200);

      const second = spawnRegistry({ DATA_DIR: dataDir }, 'cli');
      const refused = await second.exited;
      expect(refused.code).not.toBe(0);
      expect(refused.code).not.toBeNull();
      expect(second.stderr()).toContain(dataDir);
      expect(second.stderr()).toMatch(/data directory/i);
      expect(second.stderr()).not.toMatch(/^\s+at /m);

      // The refused process must not have disturbed the first one.
      expect(await globalLevel(first.url)).toBe('FULL');
      expect(await first.stop('SIGTERM')).toEqual({ code: 0, signal: null });

      const third = await startRegistryProcess({ DATA_DIR: dataDir });
      expect(await globalLevel(third.url)).toBe('FULL');
      expect(await third.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    },
    PROCESS_TIMEOUT,
  );

  it(
    'takes over the lock of a process that was killed without cleaning up, keeping its committed data',
    async () => {
      const dataDir = tempDataDir();
      const crashed = await startRegistryProcess({ DATA_DIR: dataDir });
      const put = await fetch(`${crashed.url}/config`, {
        method: 'PUT',
        headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({ compatibility: 'FORWARD' }),
      });
      expect(put.status).toBe(200);
      expect((await crashed.stop('SIGKILL')).signal).toBe('SIGKILL');

      const next = await startRegistryProcess({ DATA_DIR: dataDir });
      expect(await globalLevel(next.url)).toBe('FORWARD');
      expect(await next.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    },
    PROCESS_TIMEOUT,
  );
});
