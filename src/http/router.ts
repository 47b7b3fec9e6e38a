import type { Context, Hono } from 'hono';
import type { operations } from '../generated/openapi.ts';
import type { Access } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { Deps } from '../deps.ts';
import { authorize } from './auth/guard.ts';
import './context.ts';
import { readJsonBody, storableText } from './body.ts';
import { requestHeader } from './headers.ts';
import type { OperationSpec, ParameterSpec } from './openapi.ts';

export type OperationId = keyof operations;

type Part<
  O extends OperationId,
  W extends 'path' | 'query' | 'header',
> = operations[O]['parameters'] extends {
  [K in W]?: infer P;
}
  ? [P] extends [never | undefined]
    ? Record<string, never>
    : NonNullable<P>
  : Record<string, never>;
type Body<O extends OperationId> = operations[O] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : operations[O] extends { requestBody?: { content: { 'application/json': infer B } } }
    ? B | undefined
    : undefined;

/** What a handler receives: path, query and body already validated against openapi.yaml. */
export interface Input<O extends OperationId> {
  path: Part<O, 'path'>;
  query: Part<O, 'query'>;
  header: Part<O, 'header'>;
  body: Body<O>;
}

/**
 * A route handler. `access` is the authenticated key (its id is the `actor` of the events the request
 * causes; its prefixes confine what the request may read); with auth off it may do everything.
 */
export type Handler<O extends OperationId> = (request: {
  c: Context;
  input: Input<O>;
  deps: Deps;
  access: Access;
}) => Response | Promise<Response>;

/**
 * Binds handlers to the operations of openapi.yaml by operationId. Method and path come from the contract,
 * so every route is authorised by its `x-auth` and validated the same way, and `finish()` proves each
 * operation has exactly one handler.
 */
export class Router {
  private readonly handled = new Set<string>();
  private readonly byId: Map<string, OperationSpec>;

  constructor(
    private readonly app: Hono,
    private readonly deps: Deps,
    private readonly operations: OperationSpec[],
  ) {
    this.byId = new Map(operations.map((op) => [op.operationId, op]));
  }

  handle<O extends OperationId>(operationId: O, handler: Handler<O>): void {
    const spec = this.byId.get(operationId);
    if (spec === undefined) throw new Error(`operationId ${operationId} is not in openapi.yaml`);
    if (this.handled.has(operationId)) throw new Error(`operationId ${operationId} has two handlers`);
    this.handled.add(operationId);
    // No middleware: the body limit is enforced while the body is read (http/body.ts).
    this.app.on(spec.method.toUpperCase(), spec.honoPath, async (c: Context) => {
      c.set('operationId', spec.operationId);
      const access = await authorize(c, spec, this.deps);
      const input = (await parseInput(c, spec, this.deps.config.maxBodyBytes)) as unknown as Input<O>;
      return handler({ c, input, deps: this.deps, access });
    });
  }

  /** Operations without a handler; empty once every route is registered. */
  unhandled(): string[] {
    return this.operations.map((op) => op.operationId).filter((id) => !this.handled.has(id));
  }

  /**
   * Answers a wrong method on a known path with 405 in the envelope. An operation without a handler stays
   * unrouted (404); `unhandled()` lists them and a test requires the list to be empty.
   */
  finish(): void {
    for (const path of new Set(this.operations.map((op) => op.honoPath))) {
      this.app.all(path, (c) => {
        throw new DomainError(
          'METHOD_NOT_ALLOWED',
          `Method ${c.req.method} is not allowed on ${c.req.path}.`,
        );
      });
    }
  }
}

async function parseInput(
  c: Context,
  spec: OperationSpec,
  maxBodyBytes: number,
): Promise<Record<string, unknown>> {
  const input: Record<string, Record<string, unknown> | unknown> = { path: {}, query: {}, header: {} };
  const query = spec.parameters.some((p) => p.in === 'query') ? c.req.query() : {};
  for (const param of spec.parameters) {
    const raw =
      param.in === 'path'
        ? c.req.param(param.name)
        : param.in === 'query'
          ? query[param.name]
          : requestHeader(c, param.name.toLowerCase());
    if (raw === undefined) {
      if (param.required) throw invalid(param, `${param.name} is required.`);
      continue;
    }
    // PostgreSQL text cannot hold NUL: refuse it here rather than let a query fail with a 500.
    if (!storableText(raw))
      throw invalid(param, `${param.in} parameter '${param.name}' contains a NUL character.`);
    const value = coerce(param, raw);
    if (param.in !== 'header' && !param.validate(value)) {
      throw invalid(
        param,
        `${param.in} parameter '${param.name}' ${param.validate.errors?.[0]?.message ?? 'is invalid'}.`,
      );
    }
    (input[param.in] as Record<string, unknown>)[param.name] = value;
  }
  if (spec.body !== undefined) input['body'] = await parseBody(c, spec.body, maxBodyBytes);
  return input as Record<string, unknown>;
}

function coerce(param: ParameterSpec, raw: string): unknown {
  // Confluent semantics: a boolean is true only for the string "true", in any case; never rejected.
  if (param.type === 'boolean') return raw.toLowerCase() === 'true';
  if (param.type === 'integer') {
    if (!/^-?\d{1,15}$/.test(raw))
      throw invalid(param, `${param.in} parameter '${param.name}' must be an integer.`);
    return Number(raw);
  }
  return raw;
}

function invalid(param: ParameterSpec, message: string): DomainError {
  return new DomainError(param.errorKind ?? 'BAD_REQUEST', message);
}

async function parseBody(
  c: Context,
  body: NonNullable<OperationSpec['body']>,
  maxBodyBytes: number,
): Promise<unknown> {
  const value = await readJsonBody(c, maxBodyBytes);
  if (value === undefined) {
    if (body.required) throw new DomainError('EMPTY_BODY', 'A request body is required.');
    return undefined;
  }
  if (!body.validate(value)) {
    const error = body.validate.errors?.[0];
    if (error?.keyword === 'required' && error.instancePath === '' && body.missingKind !== undefined) {
      throw new DomainError(body.missingKind, `The request body ${error.message ?? 'is incomplete'}.`);
    }
    const where = error?.instancePath
      ? `field '${error.instancePath.slice(1).replaceAll('/', '.')}'`
      : 'body';
    throw new DomainError('BAD_REQUEST', `Invalid request: ${where} ${error?.message ?? 'is invalid'}.`);
  }
  return value;
}
