import { Hono } from 'hono';
import { DomainError } from "./domain/errors.js";
import { renderError } from "./http/errors.js";
import { loadOperations } from "./http/openapi.js";
import { Router } from "./http/router.js";
import { registerRoutes } from "./routes/index.js";
let cachedOperations;
/** Builds the HTTP app over ready dependencies. No I/O happens here or on import. */
export function createApp(deps, operations) {
    const app = new Hono();
    const router = new Router(app, deps, operations ?? (cachedOperations ??= loadOperations()));
    registerRoutes(router);
    router.finish();
    app.notFound((c) => renderError(c, new DomainError('ROUTE_NOT_FOUND', `No route for ${c.req.method} ${c.req.path}.`), deps.logger));
    app.onError((error, c) => renderError(c, error, deps.logger));
    return app;
}
