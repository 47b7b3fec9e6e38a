import { afterAll, describe, expect, it } from 'vitest';
import { cleanUpProcesses, spawnRegistry, startRegistryProcess, tempDataDir } from './registryProcess.ts';

// PGlite silently loses writes when two processes open one directory, so the second must refuse to start.
describe('embedded mode: one process per data directory', () => {
  afterAll(cleanUpProcesses);

  it('refuses a second process on the same DATA_DIR, and starts again once the first has stopped', async () => {
    const dataDir = tempDataDir();
    const first = await startRegistryProcess({ DATA_DIR: dataDir });
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);

    const second = spawnRegistry({ DATA_DIR: dataDir }, 'cli');
    const refused = await second.exited;
    expect(refused.code).not.toBe(0);
    expect(refused.code).not.toBeNull();
    expect(second.stderr()).toContain(dataDir);
    expect(second.stderr()).toMatch(/data directory/i);
    expect(second.stderr()).not.toMatch(/^\s+at /m);

    // The refused process must not have disturbed the first one.
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);

    expect(await first.stop('SIGTERM')).toEqual({ code: 0, signal: null });

    const third = await startRegistryProcess({ DATA_DIR: dataDir });
    const health = await fetch(`${third.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok' });
    expect(await third.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('takes over the lock of a process that was killed without cleaning up', async () => {
    const dataDir = tempDataDir();
    const crashed = await startRegistryProcess({ DATA_DIR: dataDir });
    expect((await crashed.stop('SIGKILL')).signal).toBe('SIGKILL');

    const next = await startRegistryProcess({ DATA_DIR: dataDir });
    expect((await fetch(`${next.url}/healthz`)).status).toBe(200);
    expect(await next.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
