import { pathToFileURL } from 'node:url';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { closeDeps, createDeps } from './deps.ts';
import { DataDirLockedError } from './db/dataDirLock.ts';
import { serveApp } from './http/server.ts';

/** Process entry: config → deps (database, migrations, bus) → HTTP listener → graceful shutdown. */
export async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`schemata: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  let deps;
  try {
    deps = await createDeps(config);
  } catch (error) {
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
      // Since the process started (performance.now() counts from there).
      startup_ms: Math.round(performance.now()),
    });
  });
  // A listener that cannot bind gets one line and exit 2, like a locked data directory, not a stack trace.
  server.once('error', (error: NodeJS.ErrnoException) => {
    const problem = listenProblem(error, config.port, config.host);
    process.stderr.write(`schemata: ${problem ?? `cannot listen: ${error.message}`}\n`);
    void closeDeps(deps)
      .catch(() => undefined)
      .finally(() => process.exit(problem === undefined ? 1 : 2));
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info('shutting down', { signal });
    // Stop accepting, let in-flight requests finish, then release pools and locks.
    // SSE streams never finish on their own: end them, or they hold the server open.
    deps.events.endStreams();
    server.close(() => {
      closeDeps(deps)
        .catch((error: unknown) => deps.logger.error('error while closing', { error: String(error) }))
        .finally(() => process.exit(0));
    });
    if ('closeIdleConnections' in server) (server as { closeIdleConnections(): void }).closeIdleConnections();
    setTimeout(() => process.exit(1), 15_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/** The one-line explanation of a configuration the listener cannot use; undefined for other failures. */
function listenProblem(error: NodeJS.ErrnoException, port: number, host: string): string | undefined {
  if (error.code === 'EADDRINUSE') {
    return `port ${port} on ${host} is already in use; stop the process that holds it or choose another PORT`;
  }
  if (error.code === 'EACCES') return `not allowed to listen on port ${port} on ${host}; choose another PORT`;
  if (error.code === 'EADDRNOTAVAIL') return `HOST=${host} is not an address of this machine`;
  return undefined;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `schemata: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
