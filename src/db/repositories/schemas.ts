import { and, asc, eq, exists, inArray, max, sql } from 'drizzle-orm';
import type { SchemaReference } from '../../domain/schema/json/references.ts';
import type { Queryable, Tx } from '../client.ts';
import { queryRows } from '../client.ts';
import { schemas, subjectVersions } from '../schema.ts';
import {
  filterCondition,
  prefixCondition,
  withinPrefixes,
  type Page,
  type VersionFilter,
} from './versions.ts';

/** A stored schema as the by-id endpoints serve it. Content under an id never changes. */
export interface SchemaRecord {
  id: number;
  schemaType: string;
  schema: string;
  references: SchemaReference[];
  metadata: Record<string, unknown> | null;
  ruleSet: Record<string, unknown> | null;
}

/** The columns of a `SchemaRecord`, for selects that join schema rows in. */
export const recordColumns = {
  id: schemas.id,
  schemaType: schemas.schemaType,
  schema: schemas.schema,
  references: schemas.references,
  metadata: schemas.metadata,
  ruleSet: schemas.ruleSet,
};

interface Row {
  id: number;
  schemaType: string;
  schema: string;
  references: unknown;
  metadata: unknown;
  ruleSet: unknown;
}

const toRecord = (row: Row): SchemaRecord => ({
  id: Number(row.id),
  schemaType: row.schemaType,
  schema: row.schema,
  references: Array.isArray(row.references) ? (row.references as SchemaRecord['references']) : [],
  metadata: (row.metadata ?? null) as SchemaRecord['metadata'],
  ruleSet: (row.ruleSet ?? null) as SchemaRecord['ruleSet'],
});

/**
 * The schema under `id` if some subject-version (soft-deleted included) still uses it, of a subject `within`
 * those prefixes when they are given; else unreadable.
 */
export async function findReadableSchema(
  db: Queryable,
  id: number,
  within?: readonly string[] | null,
): Promise<SchemaRecord | undefined> {
  const rows = await db
    .select(recordColumns)
    .from(schemas)
    .where(
      and(
        eq(schemas.id, id),
        exists(
          db
            .select({ one: sql`1` })
            .from(subjectVersions)
            .where(and(eq(subjectVersions.schemaId, schemas.id), withinPrefixes(within))),
        ),
      ),
    );
  return rows[0] === undefined ? undefined : toRecord(rows[0]);
}

/** Schema rows by id, whether or not a version uses them (for parsing versions already selected). */
export async function findSchemasByIds(
  db: Queryable,
  ids: readonly number[],
): Promise<Map<number, SchemaRecord & { fingerprint: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ ...recordColumns, fingerprint: schemas.fingerprint })
    .from(schemas)
    .where(inArray(schemas.id, [...ids]));
  return new Map(rows.map((row) => [Number(row.id), { ...toRecord(row), fingerprint: row.fingerprint }]));
}

export async function findSchemaIdByFingerprint(
  db: Queryable,
  fingerprint: string,
): Promise<number | undefined> {
  const rows = await db.select({ id: schemas.id }).from(schemas).where(eq(schemas.fingerprint, fingerprint));
  return rows[0] === undefined ? undefined : Number(rows[0].id);
}

export async function schemaExists(db: Queryable, id: number): Promise<{ fingerprint: string } | undefined> {
  const rows = await db.select({ fingerprint: schemas.fingerprint }).from(schemas).where(eq(schemas.id, id));
  return rows[0];
}

/**
 * Inserts the schema row unless one with the same fingerprint (or, on import, the same id) exists.
 * `on conflict do nothing` makes concurrent registrations of one content converge: the loser waits for
 * the winner's commit and then finds its row, instead of failing on the unique index.
 */
export async function insertSchemaIfAbsent(
  tx: Tx,
  row: Omit<SchemaRecord, 'id'> & { id?: number; fingerprint: string },
): Promise<number | undefined> {
  const inserted = await tx
    .insert(schemas)
    .values({
      ...(row.id === undefined ? {} : { id: row.id }),
      schemaType: row.schemaType,
      schema: row.schema,
      fingerprint: row.fingerprint,
      references: row.references,
      metadata: row.metadata,
      ruleSet: row.ruleSet,
    })
    .onConflictDoNothing()
    .returning({ id: schemas.id });
  return inserted[0] === undefined ? undefined : Number(inserted[0].id);
}

/** After an import with explicit ids, moves the id sequence past them so later allocations never collide. */
export async function bumpSchemaIdSequence(tx: Tx, importedId: number): Promise<void> {
  await tx.execute(
    sql`select setval('schema_ids', greatest(${importedId}::bigint, (select last_value from schema_ids)))`,
  );
}

/** The highest schema id ever stored (0 when none), for `fetchMaxId`. */
export async function maxSchemaId(db: Queryable): Promise<number> {
  const rows = await queryRows<{ max: number | string | null }>(db, sql`select max(id) as max from schemas`);
  return Number(rows[0]?.max ?? 0);
}

/**
 * Subject-versions with their schema rows for `GET /schemas`, sorted by subject then version, paged;
 * with `latestOnly` only the newest version (under the same filter) of each subject; with `schemaType` only
 * schemas of that type.
 */
export async function listVersionsWithSchemas(
  db: Queryable,
  options: {
    prefix: string | undefined;
    filter: VersionFilter;
    latestOnly: boolean;
    within?: readonly string[] | null;
    schemaType?: string | undefined;
  } & Page,
): Promise<Array<{ subject: string; version: number; record: SchemaRecord }>> {
  const latest = db
    .select({ subject: subjectVersions.subject, version: max(subjectVersions.version).as('latest_version') })
    .from(subjectVersions)
    .where(filterCondition(options.filter))
    .groupBy(subjectVersions.subject)
    .as('latest');
  const base = db
    .select({ subject: subjectVersions.subject, version: subjectVersions.version, ...recordColumns })
    .from(subjectVersions)
    .innerJoin(schemas, eq(schemas.id, subjectVersions.schemaId))
    .$dynamic();
  const joined = options.latestOnly
    ? base.innerJoin(
        latest,
        and(eq(latest.subject, subjectVersions.subject), eq(latest.version, subjectVersions.version)),
      )
    : base;
  const query = joined
    .where(
      and(
        filterCondition(options.filter),
        prefixCondition(options.prefix),
        withinPrefixes(options.within),
        options.schemaType === undefined ? undefined : eq(schemas.schemaType, options.schemaType),
      ),
    )
    .orderBy(asc(subjectVersions.subject), asc(subjectVersions.version));
  if (options.offset > 0) query.offset(options.offset);
  if (options.limit >= 0) query.limit(options.limit);
  return (await query).map((row) => ({ subject: row.subject, version: row.version, record: toRecord(row) }));
}
