import { afterAll, describe, expect, it } from 'vitest';
import { cleanUpProcesses, spawnRegistry, startRegistryProcess, tempDataDir } from './registryProcess.ts';

async function setGlobalLevel(url: string, level: string): Promise<void> {
  const res = await fetch(`${url}/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ compatibility: level }),
  });
  expect(res.status).toBe(200);
}

async function globalLevel(url: string): Promise<unknown> {
  const res = await fetch(`${url}/config`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { compatibilityLevel?: unknown }).compatibilityLevel;
}

// PGlite silently loses writes when two processes open one directory, so the second must refuse to start.
// One data directory goes through the whole life cycle: each fresh PGlite directory costs seconds of initdb.
describe('embedded mode: one process per data directory', () => {
  afterAll(cleanUpProcesses);

  it('refuses a second process, then hands the directory over after a stop and after a crash', async () => {
    const dataDir = tempDataDir();
    const first = await startRegistryProcess({ DATA_DIR: dataDir });
    await setGlobalLevel(first.url, 'FULL');

    const second = spawnRegistry({ DATA_DIR: dataDir }, 'cli');
    const refused = await second.exited;
    expect(refused.code).not.toBe(0);
    expect(refused.code).not.toBeNull();
    expect(second.stderr()).toContain(dataDir);
    expect(second.stderr()).toMatch(/data directory/i);
    expect(second.stderr()).not.toMatch(/^\s+at /m);
    // The refused process must not have disturbed the first one.
    expect(await globalLevel(first.url)).toBe('FULL');

    // After a graceful stop the lock is released and the data is still there.
    expect(await first.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    const third = await startRegistryProcess({ DATA_DIR: dataDir });
    expect(await globalLevel(third.url)).toBe('FULL');
    await setGlobalLevel(third.url, 'FORWARD');

    // A killed process leaves its lock file behind; the next one takes it over and keeps committed data.
    expect((await third.stop('SIGKILL')).signal).toBe('SIGKILL');
    const fourth = await startRegistryProcess({ DATA_DIR: dataDir });
    expect(await globalLevel(fourth.url)).toBe('FORWARD');
    expect(await fourth.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  }, 180_000);
});
