import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from './domain/errors.ts';
import type { Deps } from './deps.ts';
import { renderError } from './http/errors.ts';
import { loadOperations, type OperationSpec } from './http/openapi.ts';
import { Router } from './http/router.ts';
import { registerRoutes } from './routes/index.ts';

let cachedOperations: OperationSpec[] | undefined;

/** Builds the HTTP app over ready dependencies. No I/O happens here or on import. */
export function createApp(deps: Deps, operations?: OperationSpec[]): Hono {
  const app = new Hono();
  const limitBody = bodyLimit({
    maxSize: deps.config.maxBodyBytes,
    onError: (c) => {
      const res = renderError(
        c,
        new DomainError(
          'BODY_TOO_LARGE',
          `The request body exceeds the limit of ${deps.config.maxBodyBytes} bytes.`,
        ),
        deps.logger,
      );
      // The rest of the body is never read, so this connection cannot carry another request: say so, or a
      // keep-alive client sends its next request into a socket that is about to be dropped.
      res.headers.set('connection', 'close');
      return res;
    },
  });
  // Only operations with a request body get the limiter: its c.req.raw.body read builds a full undici
  // Request, which cost the by-id read path 40% of its throughput when it ran on every request.
  const router = new Router(app, deps, operations ?? (cachedOperations ??= loadOperations()), limitBody);
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
