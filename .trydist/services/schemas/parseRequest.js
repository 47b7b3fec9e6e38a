import { identifySchema, parseSchema, } from "../../domain/schema/json/parseSchema.js";
import { DomainError } from "../../domain/errors.js";
import { resolveReferences } from "./resolveReferences.js";
/**
 * Resolves the request's references from the registry and parses the schema (register, lookup and the
 * compatibility endpoints all go through here). Throws 42201 for anything invalid or unresolvable.
 */
export async function parseRegisterRequest(deps, db, _subject, body, options) {
    assertSchemaSize(deps, body);
    const input = { ...body, references: body.references ?? [] };
    // A type Schemata cannot register fails on its own merits before any reference lookup.
    if (input.schemaType?.toUpperCase() !== 'JSON')
        return parseSchema(input, new Map(), options);
    const resolved = await resolveReferences(deps, db, input.references ?? []);
    return parseSchema(input, resolved, options);
}
/**
 * For a request without references: `parseRegisterRequest`'s first part (see `identifySchema`), which
 * needs no database. Throws 42201/42209 as it would.
 */
export function identifyRegisterRequest(deps, body, options) {
    if ((body.references ?? []).length > 0)
        throw new Error('a request with references needs parseRegisterRequest');
    assertSchemaSize(deps, body);
    return identifySchema({ ...body, references: [] }, new Map(), options);
}
function assertSchemaSize(deps, body) {
    if (Buffer.byteLength(body.schema) > deps.config.maxSchemaBytes) {
        throw new DomainError('SCHEMA_TOO_LARGE', `The schema is larger than the limit of ${deps.config.maxSchemaBytes} bytes (MAX_SCHEMA_BYTES).`);
    }
}
