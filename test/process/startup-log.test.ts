import { afterAll, describe, expect, it } from 'vitest';
import { cleanUpProcesses, startRegistryProcess, tempDataDir } from './registryProcess.ts';

const messages = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: string; message: string; ms?: number })
    .filter((entry) => entry.level === 'info');

describe('start-up steps', () => {
  afterAll(cleanUpProcesses);

  it('are logged at info, the initialisation of a new data directory on the first start only', async () => {
    const dataDir = tempDataDir();
    const first = await startRegistryProcess({ DATA_DIR: dataDir });
    expect(await first.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(messages(first.stderr()).map((entry) => entry.message)).toEqual([
      'opening the data directory',
      'initialising a new data directory (first start only)',
      'database open',
      'migrations applied',
      'schemata listening',
      'shutting down',
    ]);
    const second = await startRegistryProcess({ DATA_DIR: dataDir });
    const health = await (await fetch(`${second.url}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', database: 'ok' });
    expect(await second.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    const steps = messages(second.stderr());
    expect(steps.map((entry) => entry.message)).toEqual([
      'opening the data directory',
      'database open',
      'migrations applied',
      'schemata listening',
      'shutting down',
    ]);
    expect(steps.find((entry) => entry.message === 'database open')?.ms).toEqual(expect.any(Number));
  }, 180_000);
});
