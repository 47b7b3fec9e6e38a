import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { cleanUpProcesses, spawnRegistry, tempDataDir, type Launcher } from './registryProcess.ts';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted a bad environment');
}

describe('configuration from the environment', () => {
  afterEach(cleanUpProcesses);

  it('gives a working embedded registry on port 8081 when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      port: 8081,
      host: '0.0.0.0',
      databaseUrl: undefined,
      dataDir: './.schemata',
      redisUrl: undefined,
      maxBodyBytes: 1_048_576,
      maxSchemaBytes: 1_048_576,
      defaultCompatibility: 'BACKWARD',
      logLevel: 'info',
      cacheMaxBytes: 64 * 1024 * 1024,
      databasePoolMax: 10,
      databaseTimeoutMs: 5_000,
      healthTimeoutMs: 800,
      adminKey: undefined,
      limits: {
        schema: {
          maxDepth: 64,
          maxPropertiesPerObject: 10_000,
          maxNodes: 200_000,
          maxEnumMembers: 10_000,
          maxRefExpansion: 100_000,
          maxRefChain: 32,
        },
        check: { maxCheckSteps: 25_000, maxCounterexampleSteps: 100_000 },
      },
      work: { threads: 1, deadlineMs: 5_000, maxQueue: 256 },
    });
  });

  it('reads every variable, accepting levels in any case', () => {
    const config = loadConfig({
      PORT: '9090',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://registry@db:5432/registry',
      DATA_DIR: '/var/lib/schemata',
      REDIS_URL: 'redis://cache:6379',
      MAX_BODY_BYTES: '2048',
      MAX_SCHEMA_BYTES: '1024',
      DEFAULT_COMPATIBILITY: 'full_transitive',
      LOG_LEVEL: 'WARN',
      CACHE_MAX_BYTES: '1048576',
      DATABASE_POOL_MAX: '4',
      DATABASE_TIMEOUT_MS: '2000',
      HEALTH_TIMEOUT_MS: '500',
      ADMIN_KEY: 'an-admin-secret-of-some-length',
    });
    expect(config).toEqual({
      port: 9090,
      host: '127.0.0.1',
      databaseUrl: 'postgres://registry@db:5432/registry',
      dataDir: '/var/lib/schemata',
      redisUrl: 'redis://cache:6379',
      maxBodyBytes: 2048,
      maxSchemaBytes: 1024,
      defaultCompatibility: 'FULL_TRANSITIVE',
      logLevel: 'warn',
      cacheMaxBytes: 1_048_576,
      databasePoolMax: 4,
      databaseTimeoutMs: 2_000,
      healthTimeoutMs: 500,
      adminKey: 'an-admin-secret-of-some-length',
      limits: {
        schema: {
          maxDepth: 64,
          maxPropertiesPerObject: 10_000,
          maxNodes: 200_000,
          maxEnumMembers: 10_000,
          maxRefExpansion: 100_000,
          maxRefChain: 32,
        },
        check: { maxCheckSteps: 25_000, maxCounterexampleSteps: 100_000 },
      },
      work: { threads: 1, deadlineMs: 5_000, maxQueue: 256 },
    });
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', REDIS_URL: ' ', PORT: '' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.port).toBe(8081);
  });

  it('names every bad variable in one error instead of stopping at the first', () => {
    const bad = {
      PORT: 'eighty',
      MAX_BODY_BYTES: '-5',
      MAX_SCHEMA_BYTES: '1e3',
      DATABASE_URL: 'mysql://db/registry',
      REDIS_URL: 'http://cache:6379',
      DEFAULT_COMPATIBILITY: 'SIDEWAYS',
      LOG_LEVEL: 'chatty',
      CACHE_MAX_BYTES: '64MiB',
      DATABASE_POOL_MAX: '1',
      DATABASE_TIMEOUT_MS: '5s',
      HEALTH_TIMEOUT_MS: '0',
      ADMIN_KEY: 'short',
    };
    const error = configError(bad);
    expect(error.problems).toHaveLength(Object.keys(bad).length);
    for (const name of Object.keys(bad)) expect(error.message).toContain(name);
  });

  it('rejects a port out of range', () => {
    expect(configError({ PORT: '65536' }).message).toContain('PORT');
  });

  it('does not echo ADMIN_KEY, which is a secret', () => {
    const error = configError({ ADMIN_KEY: 'too short' });
    expect(error.message).toContain('ADMIN_KEY');
    expect(error.message).not.toContain('too short');
  });

  it('does not echo a connection string, which may hold a password', () => {
    const error = configError({ DATABASE_URL: 'mysql://registry:s3cret@db/registry' });
    expect(error.message).toContain('DATABASE_URL');
    expect(error.message).not.toContain('s3cret');
  });

  it.each<Launcher>(['main', 'cli'])(
    'the %s process exits with code 2 naming the bad variables, before touching DATA_DIR',
    async (launcher) => {
      const dataDir = tempDataDir();
      const registry = spawnRegistry(
        { PORT: '70000', DEFAULT_COMPATIBILITY: 'SIDEWAYS', LOG_LEVEL: 'info', DATA_DIR: dataDir },
        launcher,
      );
      const exit = await registry.exited;
      expect(exit.code).toBe(2);
      expect(registry.stderr()).toContain('PORT');
      expect(registry.stderr()).toContain('DEFAULT_COMPATIBILITY');
      expect(registry.stderr()).not.toMatch(/^\s+at /m);
      expect(existsSync(dataDir)).toBe(false);
    },
    60_000,
  );
});
