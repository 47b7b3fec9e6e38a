import { readFileSync } from 'node:fs';
import type { Config } from './config.ts';
import { openDatabase, type Database, type DatabaseHandle } from './db/client.ts';
import { createLogger, type Logger } from './logger.ts';
import { RegistryCache } from './cache/registryCache.ts';
import { createEventsRuntime, type EventsRuntime } from './events/runtime.ts';
import { defaultChannelPrefix } from './client/events.ts';
import { readRegistryId } from './db/repositories/registryIdentity.ts';
import { Authenticator } from './auth/authenticator.ts';
import { Metrics } from './metrics.ts';
import { WorkPool } from './work/pool.ts';

/** Everything handlers and services need, built once by `createDeps` (the composition root). */
export interface Deps {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  db: Database;
  cache: RegistryCache;
  events: EventsRuntime;
  /** This registry's id (stored by its first migration); every event envelope carries it. */
  registryId: string;
  /** API keys: verifies credentials (auth is on when ADMIN_KEY is set). */
  auth: Authenticator;
  /** This instance's Prometheus metrics (GET /metrics). */
  metrics: Metrics;
  /** Threads that parse and check schemas (see src/work/pool.ts). */
  work: WorkPool;
  packageVersion: string;
}

export const PACKAGE_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Opens the database (migrating it), the caches and the change bus. Call `closeDeps` to release them. */
export async function createDeps(config: Config, overrides: { logger?: Logger } = {}): Promise<Deps> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  // Each start-up step is logged, so a slow first start (initialising a data directory) says what it does.
  let started = performance.now();
  const elapsed = () => {
    const ms = Math.round(performance.now() - started);
    started = performance.now();
    return ms;
  };
  if (config.databaseUrl === undefined)
    logger.info('opening the data directory', { data_dir: config.dataDir });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    postgres: { poolMax: config.databasePoolMax, timeoutMs: config.databaseTimeoutMs },
    onInitialise: () =>
      logger.info('initialising a new data directory (first start only)', { data_dir: config.dataDir }),
  });
  logger.info('database open', { storage: database.kind, ms: elapsed() });
  let events: EventsRuntime | undefined;
  const work = new WorkPool(config.work);
  try {
    await database.migrate();
    logger.info('migrations applied', { ms: elapsed() });
    const registryId = await readRegistryId(database.db);
    const cache = new RegistryCache(config.cacheMaxBytes);
    const metrics = new Metrics();
    events = createEventsRuntime({
      db: database.db,
      session: database.session,
      listen: database.listen,
      redisUrl: config.redisUrl,
      channelPrefix: config.redisChannelPrefix ?? defaultChannelPrefix(registryId),
      registryId,
      logger,
      onPublished: (seconds) => metrics.relayPublished(seconds),
    });
    const running = events;
    metrics.watch({ outboxLag: () => running.outboxLag(), poolStats: database.poolStats });
    const auth = new Authenticator({ db: database.db, adminKey: config.adminKey, logger });
    const deps: Deps = {
      config,
      logger,
      database,
      db: database.db,
      cache,
      events,
      registryId,
      auth,
      metrics,
      work,
      packageVersion: PACKAGE_VERSION,
    };
    events.subscribe((event) => cache.onEvent(event));
    events.onReset(() => cache.reset());
    // Revocations reach every instance through the change events; a gap may have hidden one.
    events.subscribe((event) => {
      const id = event.data['id'];
      if (event.event_type === 'key.revoked' && typeof id === 'string') auth.forget(id);
    });
    events.onReset(() => auth.reset());
    if (!auth.enabled && database.kind === 'postgres') {
      logger.warn(
        'auth is off: any caller may register, delete and change config; set ADMIN_KEY to require API keys',
      );
    }
    await events.start();
    return deps;
  } catch (error) {
    await events?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    await work.close();
    throw error;
  }
}

export async function closeDeps(deps: Deps): Promise<void> {
  await deps.events.close();
  await deps.database.close();
  await deps.work.close();
}
