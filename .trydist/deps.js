import { readFileSync } from 'node:fs';
import { openDatabase } from "./db/client.js";
import { createLogger } from "./logger.js";
import { RegistryCache } from "./cache/registryCache.js";
import { createEventsRuntime } from "./events/runtime.js";
export const PACKAGE_VERSION = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
/** Opens the database (migrating it), the caches and the change bus. Call `closeDeps` to release them. */
export async function createDeps(config, overrides = {}) {
    const logger = overrides.logger ?? createLogger(config.logLevel);
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    let events;
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
        const deps = {
            config,
            logger,
            database,
            db: database.db,
            cache,
            events,
            packageVersion: PACKAGE_VERSION,
        };
        events.subscribe((event) => cache.onEvent(event));
        events.onReset(() => cache.reset());
        await events.start();
        return deps;
    }
    catch (error) {
        await events?.close().catch(() => undefined);
        await database.close().catch(() => undefined);
        throw error;
    }
}
export async function closeDeps(deps) {
    await deps.events.close();
    await deps.database.close();
}
