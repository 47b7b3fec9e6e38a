import type { Queryable } from '../../db/client.ts';
import { parseSchema, type ParsedSchema, type SchemaInput } from '../../domain/schema/json/parseSchema.ts';
import type { Access } from '../../domain/access.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import { DeadlineExceeded } from '../../work/pool.ts';
import { resolveReferences } from './resolveReferences.ts';

export type { ParsedSchema } from '../../domain/schema/json/parseSchema.ts';

/**
 * Resolves the request's references from the registry and parses the schema (register, lookup and the
 * compatibility endpoints all go through here). Throws 42201 for anything invalid or unresolvable; with
 * `access`, a reference to a subject the key does not see is unresolvable, as if it did not exist.
 */
export async function parseRegisterRequest(
  deps: Deps,
  db: Queryable,
  _subject: string,
  body: SchemaInput,
  options: { normalize: boolean; access?: Access },
): Promise<ParsedSchema> {
  assertSchemaSize(deps, body);
  const input: SchemaInput = { ...body, references: body.references ?? [] };
  // A type Schemata cannot register fails on its own merits before any reference lookup.
  if (input.schemaType?.toUpperCase() !== 'JSON') return parseSchema(input, new Map(), options);
  const resolved = await resolveReferences(deps, db, input.references ?? [], 0, options.access);
  // Meta-validation and ajv's compile can take a while on large schemas: off the event loop.
  try {
    return await deps.work.run('parse', {
      body: input,
      resolved,
      normalize: options.normalize,
      limits: deps.config.limits.schema,
    });
  } catch (error) {
    if (error instanceof DeadlineExceeded) {
      throw new DomainError('INVALID_SCHEMA', `The schema is too complex to validate: ${error.message}.`);
    }
    throw error;
  }
}

function assertSchemaSize(deps: Deps, body: SchemaInput): void {
  if (Buffer.byteLength(body.schema) > deps.config.maxSchemaBytes) {
    throw new DomainError(
      'SCHEMA_TOO_LARGE',
      `The schema is larger than the limit of ${deps.config.maxSchemaBytes} bytes (MAX_SCHEMA_BYTES).`,
    );
  }
}
