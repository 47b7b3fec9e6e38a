import { pathToFileURL } from 'node:url';
import { createApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { closeDeps, createDeps } from "./deps.js";
import { DataDirLockedError } from "./db/dataDirLock.js";
import { serveApp } from "./http/server.js";
/** Process entry: config → deps (database, migrations, bus) → HTTP listener → graceful shutdown. */
export async function main() {
    let config;
    try {
        config = loadConfig();
    }
    catch (error) {
        if (error instanceof ConfigError) {
            process.stderr.write(`schemata: ${error.message}\n`);
            process.exit(2);
        }
        throw error;
    }
    let deps;
    try {
        deps = await createDeps(config);
    }
    catch (error) {
        if (error instanceof DataDirLockedError) {
            process.stderr.write(`schemata: ${error.message}\n`);
            process.exit(2);
        }
        throw error;
    }
    const app = createApp(deps);
    const server = serveApp(app, deps.cache, { port: config.port, hostname: config.host }, (info) => {
        deps.logger.info('schemata listening', {
            address: `http://${config.host}:${info.port}`,
            storage: deps.database.kind,
            bus: deps.events.busKind,
        });
    });
    let stopping = false;
    const shutdown = (signal) => {
        if (stopping)
            return;
        stopping = true;
        deps.logger.info('shutting down', { signal });
        // Stop accepting, let in-flight requests finish, then release pools and locks.
        // SSE streams never finish on their own: end them, or they hold the server open.
        deps.events.endStreams();
        server.close(() => {
            closeDeps(deps)
                .catch((error) => deps.logger.error('error while closing', { error: String(error) }))
                .finally(() => process.exit(0));
        });
        if ('closeIdleConnections' in server)
            server.closeIdleConnections();
        setTimeout(() => process.exit(1), 15_000).unref();
    };
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
}
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
    main().catch((error) => {
        process.stderr.write(`schemata: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
    });
}
