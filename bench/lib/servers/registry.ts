import { createApp } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config.ts';
import { closeDeps, createDeps } from '../../../src/deps.ts';
import { serveApp } from '../../../src/http/server.ts';
import { announce, childOptions, failed } from '../child.ts';

/** The real registry exactly as `main.ts` builds it: config → deps (migrations) → app → @hono/node-server with the by-id fast path (src/http/server.ts). */
async function start(): Promise<void> {
  const options = childOptions<{ databaseUrl?: string; redisUrl?: string; adminKey?: string }>();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: 'memory://',
    LOG_LEVEL: 'error',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...(options.adminKey ? { ADMIN_KEY: options.adminKey } : {}),
  });
  const deps = await createDeps(config);
  const app = createApp(deps);
  const server = serveApp(app, deps, { port: 0, hostname: '127.0.0.1' }, (info) => {
    announce(info.port, async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeDeps(deps);
    });
  });
}

start().catch(failed);
