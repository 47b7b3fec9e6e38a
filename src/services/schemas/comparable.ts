import type { ComparableSchema } from '../../domain/compatibility/index.ts';
import type { SchemaRecord } from '../../db/repositories/schemas.ts';
import type { Queryable } from '../../db/client.ts';
import { findSchemasByIds } from '../../db/repositories/schemas.ts';
import type { Deps } from '../../deps.ts';
import { resolveReferences } from './resolveReferences.ts';

/**
 * The parsed, reference-resolved form of stored schemas, from the cache when possible: registering
 * against 1,000 versions must not re-parse 1,000 documents. Schema rows are immutable, so this is safe.
 */
export async function comparablesByIds(
  deps: Deps,
  db: Queryable,
  ids: readonly number[],
  depth = 0,
): Promise<Map<number, ComparableSchema>> {
  const found = new Map<number, ComparableSchema>();
  const missing: number[] = [];
  for (const id of ids) {
    const cached = deps.cache.comparableById(id);
    if (cached === undefined) missing.push(id);
    else found.set(id, cached);
  }
  if (missing.length === 0) return found;
  const rows = await findSchemasByIds(db, [...new Set(missing)]);
  for (const id of missing) {
    const row = rows.get(id);
    if (row === undefined) throw new Error(`schema row ${id} is missing`);
    const comparable = await buildComparable(deps, db, row, depth);
    deps.cache.rememberComparable(id, comparable, row.schema.length);
    found.set(id, comparable);
  }
  return found;
}

/** One stored schema in parsed form. */
export async function comparableById(
  deps: Deps,
  db: Queryable,
  id: number,
  depth = 0,
): Promise<ComparableSchema> {
  const comparable = (await comparablesByIds(deps, db, [id], depth)).get(id);
  if (comparable === undefined) throw new Error(`schema row ${id} is missing`);
  return comparable;
}

async function buildComparable(
  deps: Deps,
  db: Queryable,
  row: SchemaRecord & { fingerprint: string },
  depth: number,
): Promise<ComparableSchema> {
  const references = await resolveReferences(deps, db, row.references, depth + 1);
  return {
    schemaType: row.schemaType,
    fingerprint: row.fingerprint,
    // Stored text is canonical JSON written by Schemata itself, so it always parses.
    schema: JSON.parse(row.schema) as unknown,
    references,
  };
}
