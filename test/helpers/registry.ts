import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { ServerType } from '@hono/node-server';
import postgres from 'postgres';
import type { Hono } from 'hono';
import { createApp } from '../../src/app.ts';
import { serveApp } from '../../src/http/server.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { closeDeps, createDeps, type Deps } from '../../src/deps.ts';
import { createLogger, type Logger } from '../../src/logger.ts';

/** Which storage the suite runs against: real PostgreSQL when DATABASE_URL is set, else embedded PGlite. */
export const STORAGE: 'postgres' | 'embedded' = process.env['DATABASE_URL'] ? 'postgres' : 'embedded';
export const REDIS_URL = process.env['REDIS_URL'] || undefined;

export interface TestRegistry {
  app: Hono;
  deps: Deps;
  /** Base URL of a real listener on 127.0.0.1 (for client libraries and SSE). */
  url: string;
  /** The database URL this registry uses (postgres mode), to start a second instance on the same data. */
  databaseUrl: string | undefined;
  /** In-process request through `app.request` (no socket); JSON in, parsed JSON out. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResult>;
  close(): Promise<void>;
}

export interface ApiResult {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  headers: Headers;
}

/**
 * Starts a registry on fresh storage: a new PostgreSQL database per call in postgres mode (dropped on close),
 * an in-memory PGlite otherwise. Pass `databaseUrl` to share another instance's database.
 */
export async function startRegistry(
  options: { env?: Record<string, string>; databaseUrl?: string; useRedis?: boolean; logger?: Logger } = {},
): Promise<TestRegistry> {
  let databaseUrl = options.databaseUrl;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (databaseUrl === undefined && STORAGE === 'postgres') {
    ({ url: databaseUrl, drop: dropDatabase } = await createTestDatabase());
  }
  const config: Config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: 'memory://',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'error',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(options.useRedis && REDIS_URL ? { REDIS_URL } : {}),
    ...options.env,
  });
  const deps = await createDeps(config, { logger: options.logger ?? createLogger(config.logLevel) });
  const app = createApp(deps);
  const server: ServerType = await new Promise((resolve) => {
    const s = serveApp(app, deps.cache, { port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    app,
    deps,
    url: `http://127.0.0.1:${port}`,
    databaseUrl,
    async call(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] ??= 'application/vnd.schemaregistry.v1+json';
      }
      const res = await app.request(path, init);
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        parsed = text;
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server)
          (server as { closeAllConnections(): void }).closeAllConnections();
      });
      await closeDeps(deps);
      await dropDatabase?.();
    },
  };
}

/** A fresh, empty database on the server DATABASE_URL points at. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env['DATABASE_URL'];
  if (!base) throw new Error('DATABASE_URL is not set');
  const name = `schemata_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = postgres(base, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await again.end();
    },
  };
}

/** Compact JSON schema text for request bodies. */
export const schemaText = (doc: unknown): string => JSON.stringify(doc);

/** A unique subject name per test, so suites sharing a Redis or database never collide. */
export const uniqueSubject = (prefix = 'subject'): string => `${prefix}-${randomBytes(4).toString('hex')}`;
