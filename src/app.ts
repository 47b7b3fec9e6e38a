import { Hono } from 'hono';
import { DomainError } from './domain/errors.ts';
import type { Deps } from './deps.ts';
import { renderError } from './http/errors.ts';
import { observeRequests, RequestRecorder } from './http/observe.ts';
import { loadOperations, type OperationSpec } from './http/openapi.ts';
import { Router } from './http/router.ts';
import { registerRoutes } from './routes/index.ts';

let cachedOperations: OperationSpec[] | undefined;

/** Builds the HTTP app over ready dependencies. No I/O happens here or on import. */
export function createApp(deps: Deps, operations?: OperationSpec[]): Hono {
  const app = new Hono();
  // First: every request, routed or not, gets its request id and its access-log line.
  app.use(observeRequests(new RequestRecorder(deps.metrics, deps.logger)));
  const router = new Router(app, deps, operations ?? (cachedOperations ??= loadOperations()));
  registerRoutes(router);
  router.finish();

  app.notFound((c) =>
    renderError(
      c,
      new DomainError('ROUTE_NOT_FOUND', `No route for ${c.req.method} ${c.req.path}.`),
      deps.logger,
    ),
  );
  app.onError((error, c) => renderError(c, error, deps.logger));
  return app;
}
