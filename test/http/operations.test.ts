import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.ts';
import { loadOperations } from '../../src/http/openapi.ts';
import { Router, type OperationId } from '../../src/http/router.ts';
import { registerRoutes } from '../../src/routes/index.ts';

const ROUTES_DIR = fileURLToPath(new URL('../../src/routes', import.meta.url));

// Registration only binds handlers; no request is served, so no database or bus is needed.
const NO_DEPS = {} as Deps;

/** The real route table, recording which function each operationId was bound to. */
function registeredRoutes(): { router: Router; handlers: Map<string, unknown> } {
  const router = new Router(new Hono(), NO_DEPS, loadOperations());
  const handlers = new Map<string, unknown>();
  const handle = router.handle.bind(router);
  router.handle = (operationId, handler) => {
    handle(operationId, handler);
    handlers.set(operationId, handler);
  };
  registerRoutes(router);
  return { router, handlers };
}

function routeFiles(): string[] {
  return readdirSync(ROUTES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(join(ROUTES_DIR, dir.name))
        .filter((file) => file.endsWith('.ts') && file !== 'index.ts' && !file.endsWith('.test.ts'))
        .map((file) => join(ROUTES_DIR, dir.name, file)),
    );
}

describe('openapi.yaml ⇄ handlers', () => {
  const operations = loadOperations();
  const operationIds = operations.map((op) => op.operationId);

  it('gives every operation in openapi.yaml a unique operationId', () => {
    for (const op of operations)
      expect(op.operationId, `${op.method.toUpperCase()} ${op.path}`).toMatch(/^\w+$/);
    expect(new Set(operationIds).size).toBe(operationIds.length);
  });

  it('has exactly one handler for every operationId', () => {
    // registerRoutes throws on a handler for an unknown operationId and on a second handler for one.
    const { router } = registeredRoutes();
    expect(router.unhandled()).toEqual([]);
  });

  it('keeps each handler in src/routes/<resource>/<operationId>.ts, exported under that name', async () => {
    const { handlers } = registeredRoutes();
    const misplaced: string[] = [];
    for (const [operationId, handler] of handlers) {
      const files = routeFiles().filter((file) => basename(file, '.ts') === operationId);
      const exported = await Promise.all(
        files.map(
          async (file) => ((await import(pathToFileURL(file).href)) as Record<string, unknown>)[operationId],
        ),
      );
      if (!exported.includes(handler)) misplaced.push(operationId);
    }
    expect(misplaced).toEqual([]);
  });

  it('has no route file without an operationId', () => {
    const strays = routeFiles()
      .map((file) => basename(file, '.ts'))
      .filter((name) => !operationIds.includes(name));
    expect(strays).toEqual([]);
  });

  it('refuses a second handler for the same operationId', () => {
    const router = new Router(new Hono(), NO_DEPS, loadOperations());
    const handler = () => new Response('{}');
    router.handle('getRoot', handler);
    expect(() => router.handle('getRoot', handler)).toThrow(/getRoot/);
  });

  it('refuses a handler for an operationId that is not in openapi.yaml', () => {
    const router = new Router(new Hono(), NO_DEPS, loadOperations());
    expect(() => router.handle('noSuchOperation' as OperationId, () => new Response('{}'))).toThrow(
      /noSuchOperation/,
    );
  });
});
