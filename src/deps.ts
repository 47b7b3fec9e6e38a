import { readFileSync } from 'node:fs';
import type { Config } from './config.ts';
import { openDatabase, type Database, type DatabaseHandle } from './db/client.ts';
import { createLogger, type Logger } from './logger.ts';
import { RegistryCache } from './cache/registryCache.ts';
import { createEventsRuntime, type EventsRuntime } from './events/runtime.ts';
import { WorkPool } from './work/pool.ts';

/** Everything handlers and services need, built once by `createDeps` (the composition root). */
export interface Deps {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  db: Database;
  cache: RegistryCache;
  events: EventsRuntime;
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
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let events: EventsRuntime | undefined;
  const work = new WorkPool(config.work);
  try {
    await database.migrate();
    const cache = new RegistryCache();
    events = createEventsRuntime({
      db: database.db,
      soloSession: database.soloSession,
      listen: database.listen,
      redisUrl: config.redisUrl,
      logger,
    });
    const deps: Deps = {
      config,
      logger,
      database,
      db: database.db,
      cache,
      events,
      work,
      packageVersion: PACKAGE_VERSION,
    };
    events.subscribe((event) => cache.onEvent(event));
    events.onReset(() => cache.reset());
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
