import { DomainError } from "../domain/errors.js";
import { readJsonBody, storableText } from "./body.js";
import { requestHeader } from "./headers.js";
/**
 * Binds handlers to the operations of openapi.yaml by operationId. Method and path come from the contract,
 * so every route is validated the same way, and `finish()` proves each operation has exactly one handler.
 */
export class Router {
    app;
    deps;
    operations;
    handled = new Set();
    byId;
    constructor(app, deps, operations) {
        this.app = app;
        this.deps = deps;
        this.operations = operations;
        this.byId = new Map(operations.map((op) => [op.operationId, op]));
    }
    handle(operationId, handler) {
        const spec = this.byId.get(operationId);
        if (spec === undefined)
            throw new Error(`operationId ${operationId} is not in openapi.yaml`);
        if (this.handled.has(operationId))
            throw new Error(`operationId ${operationId} has two handlers`);
        this.handled.add(operationId);
        // No middleware: the body limit is enforced while the body is read (http/body.ts).
        this.app.on(spec.method.toUpperCase(), spec.honoPath, async (c) => {
            const input = (await parseInput(c, spec, this.deps.config.maxBodyBytes));
            return handler({ c, input, deps: this.deps });
        });
    }
    /** Operations without a handler; empty once every route is registered. */
    unhandled() {
        return this.operations.map((op) => op.operationId).filter((id) => !this.handled.has(id));
    }
    /**
     * Answers a wrong method on a known path with 405 in the envelope. An operation without a handler stays
     * unrouted (404); `unhandled()` lists them and a test requires the list to be empty.
     */
    finish() {
        for (const path of new Set(this.operations.map((op) => op.honoPath))) {
            this.app.all(path, (c) => {
                throw new DomainError('METHOD_NOT_ALLOWED', `Method ${c.req.method} is not allowed on ${c.req.path}.`);
            });
        }
    }
}
async function parseInput(c, spec, maxBodyBytes) {
    const input = { path: {}, query: {}, header: {} };
    const query = spec.parameters.some((p) => p.in === 'query') ? c.req.query() : {};
    for (const param of spec.parameters) {
        const raw = param.in === 'path'
            ? c.req.param(param.name)
            : param.in === 'query'
                ? query[param.name]
                : requestHeader(c, param.name.toLowerCase());
        if (raw === undefined) {
            if (param.required)
                throw invalid(param, `${param.name} is required.`);
            continue;
        }
        // PostgreSQL text cannot hold NUL: refuse it here rather than let a query fail with a 500.
        if (!storableText(raw))
            throw invalid(param, `${param.in} parameter '${param.name}' contains a NUL character.`);
        const value = coerce(param, raw);
        if (param.in !== 'header' && !param.validate(value)) {
            throw invalid(param, `${param.in} parameter '${param.name}' ${param.validate.errors?.[0]?.message ?? 'is invalid'}.`);
        }
        input[param.in][param.name] = value;
    }
    if (spec.body !== undefined)
        input['body'] = await parseBody(c, spec.body, maxBodyBytes);
    return input;
}
function coerce(param, raw) {
    // Confluent semantics: a boolean is true only for the string "true", in any case; never rejected.
    if (param.type === 'boolean')
        return raw.toLowerCase() === 'true';
    if (param.type === 'integer') {
        if (!/^-?\d{1,15}$/.test(raw))
            throw invalid(param, `${param.in} parameter '${param.name}' must be an integer.`);
        return Number(raw);
    }
    return raw;
}
function invalid(param, message) {
    return new DomainError(param.errorKind ?? 'BAD_REQUEST', message);
}
async function parseBody(c, body, maxBodyBytes) {
    const value = await readJsonBody(c, maxBodyBytes);
    if (value === undefined) {
        if (body.required)
            throw new DomainError('EMPTY_BODY', 'A request body is required.');
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
