import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import './context.ts';
import { requestHeader } from './headers.ts';
import { requestIdFrom } from './requestIds.ts';

/** One answered request, as the access log and the request metrics see it. */
export interface AnsweredRequest {
  requestId: string;
  /** The operationId, or `unmatched` for a path no operation serves. */
  operationId: string;
  method: string;
  path: string;
  status: number;
  /** `performance.now()` when the request arrived. */
  started: number;
  keyId: string | null;
}

/**
 * The access log and the request metrics, shared by the app and the by-id fast path (src/http/server.ts):
 * one JSON line per request (request id, operationId, method, path, status, duration, key id — never a
 * body) and the count and duration per operationId and status class.
 */
export class RequestRecorder {
  private readonly logging: boolean;

  constructor(
    private readonly metrics: Metrics,
    private readonly logger: Logger,
  ) {
    this.logging = logger.enabled('info');
  }

  record(request: AnsweredRequest): void {
    const ms = performance.now() - request.started;
    this.metrics.observeRequest(request.operationId, request.status, ms / 1000);
    if (!this.logging) return;
    this.logger.info('request', {
      requestId: request.requestId,
      operationId: request.operationId,
      method: request.method,
      path: request.path,
      status: request.status,
      durationMs: Math.round(ms * 1000) / 1000,
      keyId: request.keyId,
    });
  }
}

/**
 * The app's outermost middleware: takes or makes the request id, echoes it as `X-Request-Id` on every
 * response (errors included: Hono's onError has rendered them by the time `next` returns) and records the
 * request. A streamed response (SSE) is recorded when its headers go out.
 */
export function observeRequests(recorder: RequestRecorder): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const requestId = requestIdFrom(requestHeader(c, 'x-request-id'));
    c.set('requestId', requestId);
    await next();
    c.res.headers.set('x-request-id', requestId);
    recorder.record({
      requestId,
      operationId: c.get('operationId') ?? 'unmatched',
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      started,
      keyId: c.get('keyId') ?? null,
    });
  };
}
