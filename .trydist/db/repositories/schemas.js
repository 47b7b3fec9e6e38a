import { and, asc, eq, exists, inArray, max, sql } from 'drizzle-orm';
import { queryRows } from "../client.js";
import { schemas, subjectVersions } from "../schema.js";
import { filterCondition, prefixCondition } from "./versions.js";
/** The columns of a `SchemaRecord`, for selects that join schema rows in. */
export const recordColumns = {
    id: schemas.id,
    schemaType: schemas.schemaType,
    schema: schemas.schema,
    references: schemas.references,
    metadata: schemas.metadata,
    ruleSet: schemas.ruleSet,
};
const toRecord = (row) => ({
    id: Number(row.id),
    schemaType: row.schemaType,
    schema: row.schema,
    references: Array.isArray(row.references) ? row.references : [],
    metadata: (row.metadata ?? null),
    ruleSet: (row.ruleSet ?? null),
});
/** The schema under `id` if some subject-version (soft-deleted included) still uses it; else unreadable. */
export async function findReadableSchema(db, id) {
    const rows = await db
        .select(recordColumns)
        .from(schemas)
        .where(and(eq(schemas.id, id), exists(db
        .select({ one: sql `1` })
        .from(subjectVersions)
        .where(eq(subjectVersions.schemaId, schemas.id)))));
    return rows[0] === undefined ? undefined : toRecord(rows[0]);
}
/** Schema rows by id, whether or not a version uses them (for parsing versions already selected). */
export async function findSchemasByIds(db, ids) {
    if (ids.length === 0)
        return new Map();
    const rows = await db
        .select({ ...recordColumns, fingerprint: schemas.fingerprint })
        .from(schemas)
        .where(inArray(schemas.id, [...ids]));
    return new Map(rows.map((row) => [Number(row.id), { ...toRecord(row), fingerprint: row.fingerprint }]));
}
export async function findSchemaIdByFingerprint(db, fingerprint) {
    const rows = await db.select({ id: schemas.id }).from(schemas).where(eq(schemas.fingerprint, fingerprint));
    return rows[0] === undefined ? undefined : Number(rows[0].id);
}
export async function schemaExists(db, id) {
    const rows = await db.select({ fingerprint: schemas.fingerprint }).from(schemas).where(eq(schemas.id, id));
    return rows[0];
}
/**
 * Inserts the schema row unless one with the same fingerprint (or, on import, the same id) exists.
 * `on conflict do nothing` makes concurrent registrations of one content converge: the loser waits for
 * the winner's commit and then finds its row, instead of failing on the unique index.
 */
export async function insertSchemaIfAbsent(tx, row) {
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
export async function bumpSchemaIdSequence(tx, importedId) {
    await tx.execute(sql `select setval('schema_ids', greatest(${importedId}::bigint, (select last_value from schema_ids)))`);
}
/** The highest schema id ever stored (0 when none), for `fetchMaxId`. */
export async function maxSchemaId(db) {
    const rows = await queryRows(db, sql `select max(id) as max from schemas`);
    return Number(rows[0]?.max ?? 0);
}
/**
 * Subject-versions with their schema rows for `GET /schemas`, sorted by subject then version, paged;
 * with `latestOnly` only the newest version (under the same filter) of each subject.
 */
export async function listVersionsWithSchemas(db, options) {
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
        ? base.innerJoin(latest, and(eq(latest.subject, subjectVersions.subject), eq(latest.version, subjectVersions.version)))
        : base;
    const query = joined
        .where(and(filterCondition(options.filter), prefixCondition(options.prefix)))
        .orderBy(asc(subjectVersions.subject), asc(subjectVersions.version));
    if (options.offset > 0)
        query.offset(options.offset);
    if (options.limit >= 0)
        query.limit(options.limit);
    return (await query).map((row) => ({ subject: row.subject, version: row.version, record: toRecord(row) }));
}
