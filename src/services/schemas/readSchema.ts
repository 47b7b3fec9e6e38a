import type { CachedSchema } from '../../cache/registryCache.ts';
import type { SchemaRecord } from '../../db/repositories/schemas.ts';
import type { Queryable } from '../../db/client.ts';
import { findReadableSchema, findSchemasByIds } from '../../db/repositories/schemas.ts';
import { schemaNotFound } from '../../domain/errors.ts';
import type { Access } from '../../domain/access.ts';
import type { Deps } from '../../deps.ts';

/**
 * The schema under `id` with its pre-serialised by-id body, from memory when possible. An id is readable
 * while any subject-version uses it, soft-deleted included; otherwise 40403. For a key confined to
 * prefixes, only while a subject it sees uses it (that needs the database, cached content or not).
 */
export async function readSchemaById(deps: Deps, id: number, access: Access): Promise<CachedSchema> {
  const cached = deps.cache.schemaById(id);
  deps.metrics.schemaCacheLookup(cached !== undefined);
  if (cached !== undefined && access.prefixes === null) return cached;
  const record = await findReadableSchema(deps.db, id, access.prefixes);
  if (record === undefined) throw schemaNotFound(`Schema ${id}`);
  return cached ?? deps.cache.rememberSchema(record);
}

/** Schema rows of versions already selected (so known to be readable), cached along the way. */
export async function schemaRecordsFor(
  deps: Deps,
  db: Queryable,
  ids: readonly number[],
): Promise<Map<number, SchemaRecord>> {
  const found = new Map<number, SchemaRecord>();
  const missing: number[] = [];
  for (const id of new Set(ids)) {
    const cached = deps.cache.schemaById(id);
    deps.metrics.schemaCacheLookup(cached !== undefined);
    if (cached === undefined) missing.push(id);
    else found.set(id, cached.record);
  }
  if (missing.length === 0) return found;
  for (const [id, row] of await findSchemasByIds(db, missing)) {
    const { fingerprint: _fingerprint, ...record } = row;
    found.set(id, deps.cache.rememberSchema(record).record);
  }
  return found;
}

export async function schemaRecordFor(deps: Deps, db: Queryable, id: number): Promise<SchemaRecord> {
  const record = (await schemaRecordsFor(deps, db, [id])).get(id);
  if (record === undefined) throw new Error(`schema row ${id} is missing`);
  return record;
}

/** Confluent's Schema view of a subject-version: empty fields omitted, `schemaType` omitted only for AVRO. */
export function subjectVersionView(
  subject: string,
  version: number,
  record: SchemaRecord,
): Record<string, unknown> {
  return {
    subject,
    version,
    id: record.id,
    ...(record.schemaType === 'AVRO' ? {} : { schemaType: record.schemaType }),
    schema: record.schema,
    ...(record.references.length > 0 ? { references: record.references } : {}),
    ...(record.metadata !== null ? { metadata: record.metadata } : {}),
    ...(record.ruleSet !== null ? { ruleSet: record.ruleSet } : {}),
  };
}
