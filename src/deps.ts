import { readFileSync } from 'node:fs';
import type { Config } from './config.ts';
import { openDatabase, type Database, type DatabaseHandle } from './db/client.ts';
import { createLogger, type Logger } from './logger.ts';
import { RegistryCache } from './cache/registryCache.ts';
import { createEventsRuntime, type EventsRuntime } from './events/runtime.ts';
import { defaultChannelPrefix } from './client/events.ts';
import { readRegistryId } from './db/repositories/registryIdentity.ts';

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
    onInitialise: () =>
      logger.info('initialising a new data directory (first start only)', { data_dir: config.dataDir }),
  });
  logger.info('database open', { storage: database.kind, ms: elapsed() });
  let events: EventsRuntime | undefined;
  try {
    await database.migrate();
    logger.info('migrations applied', { ms: elapsed() });
    const registryId = await readRegistryId(database.db);
    const cache = new RegistryCache();
    events = createEventsRuntime({
      db: database.db,
      soloSession: database.soloSession,
      listen: database.listen,
      redisUrl: config.redisUrl,
      channelPrefix: config.redisChannelPrefix ?? defaultChannelPrefix(registryId),
      registryId,
      logger,
    });
    const deps: Deps = {
      config,
      logger,
      database,
      db: database.db,
      cache,
      events,
      registryId,
      packageVersion: PACKAGE_VERSION,
    };
    events.subscribe((event) => cache.onEvent(event));
    events.onReset(() => cache.reset());
    await events.start();
    return deps;
  } catch (error) {
    await events?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw error;
  }
}

export async function closeDeps(deps: Deps): Promise<void> {
  await deps.events.close();
  await deps.database.close();
}
