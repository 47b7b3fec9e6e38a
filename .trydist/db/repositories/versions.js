import { and, asc, desc, eq, inArray, max, sql } from 'drizzle-orm';
import { configs, modes, schemas, subjectVersions } from "../schema.js";
const rowColumns = {
    subject: subjectVersions.subject,
    version: subjectVersions.version,
    schemaId: subjectVersions.schemaId,
    deleted: subjectVersions.deleted,
};
const toRow = (r) => ({
    ...r,
    schemaId: Number(r.schemaId),
});
export function filterCondition(filter) {
    if (filter === 'live')
        return eq(subjectVersions.deleted, false);
    if (filter === 'deletedOnly')
        return eq(subjectVersions.deleted, true);
    return undefined;
}
/** How many versions the subject has, live and in total (soft-deleted included). */
export async function countVersions(db, subject) {
    const rows = await db
        .select({
        total: sql `count(*)`,
        live: sql `count(*) filter (where not ${subjectVersions.deleted})`,
    })
        .from(subjectVersions)
        .where(eq(subjectVersions.subject, subject));
    return { live: Number(rows[0]?.live ?? 0), total: Number(rows[0]?.total ?? 0) };
}
/** The subject's versions under `filter`, ascending, paged. */
export async function listVersionRows(db, subject, filter, page) {
    const query = db
        .select(rowColumns)
        .from(subjectVersions)
        .where(and(eq(subjectVersions.subject, subject), filterCondition(filter)))
        .orderBy(asc(subjectVersions.version))
        .$dynamic();
    if (page !== undefined && page.offset > 0)
        query.offset(page.offset);
    if (page !== undefined && page.limit >= 0)
        query.limit(page.limit);
    return (await query).map(toRow);
}
/** The subject's versions under `filter`, newest first, at most `limit` of them. */
export async function versionsNewestFirst(db, subject, filter, limit) {
    const query = db
        .select(rowColumns)
        .from(subjectVersions)
        .where(and(eq(subjectVersions.subject, subject), filterCondition(filter)))
        .orderBy(desc(subjectVersions.version))
        .$dynamic();
    if (limit !== undefined)
        query.limit(limit);
    return (await query).map(toRow);
}
export async function findVersion(db, subject, version) {
    const rows = await db
        .select(rowColumns)
        .from(subjectVersions)
        .where(and(eq(subjectVersions.subject, subject), eq(subjectVersions.version, version)));
    return rows[0] === undefined ? undefined : toRow(rows[0]);
}
/** The highest version, live only or soft-deleted included. */
export async function findLatestVersion(db, subject, includeDeleted) {
    return (await versionsNewestFirst(db, subject, includeDeleted ? 'all' : 'live', 1))[0];
}
/** The version of the subject holding the schema with this fingerprint: a live one first, then the newest. */
export async function findVersionByFingerprint(db, subject, fingerprint, includeDeleted) {
    const rows = await db
        .select(rowColumns)
        .from(subjectVersions)
        .innerJoin(schemas, eq(schemas.id, subjectVersions.schemaId))
        .where(and(eq(subjectVersions.subject, subject), eq(schemas.fingerprint, fingerprint), includeDeleted ? undefined : eq(subjectVersions.deleted, false)))
        .orderBy(asc(subjectVersions.deleted), desc(subjectVersions.version))
        .limit(1);
    return rows[0] === undefined ? undefined : toRow(rows[0]);
}
/** max(version) over all versions, soft-deleted included (0 for a new subject): the next one is this + 1. */
export async function maxVersion(tx, subject) {
    const rows = await tx
        .select({ max: max(subjectVersions.version) })
        .from(subjectVersions)
        .where(eq(subjectVersions.subject, subject));
    return Number(rows[0]?.max ?? 0);
}
export async function insertVersion(tx, row) {
    await tx.insert(subjectVersions).values(row);
}
export async function softDeleteVersions(tx, subject, versions) {
    if (versions.length === 0)
        return;
    await tx
        .update(subjectVersions)
        .set({ deleted: true })
        .where(and(eq(subjectVersions.subject, subject), inArray(subjectVersions.version, [...versions])));
}
export async function hardDeleteVersions(tx, subject, versions) {
    if (versions.length === 0)
        return;
    await tx
        .delete(subjectVersions)
        .where(and(eq(subjectVersions.subject, subject), inArray(subjectVersions.version, [...versions])));
}
/**
 * A subject that lost its last version also loses its own config and mode (Confluent's rule).
 * Returns what was removed so the caller can announce it.
 */
export async function deleteSubjectSettings(tx, subject) {
    const config = await tx
        .delete(configs)
        .where(eq(configs.subject, subject))
        .returning({ subject: configs.subject });
    const mode = await tx.delete(modes).where(eq(modes.subject, subject)).returning({ subject: modes.subject });
    return { config: config.length > 0, mode: mode.length > 0 };
}
/** Subject names, sorted: those with a live version, or any version (`all`), or a soft-deleted one (`deletedOnly`). */
export async function listSubjectNames(db, options) {
    const query = db
        .selectDistinct({ subject: subjectVersions.subject })
        .from(subjectVersions)
        .where(and(filterCondition(options.filter), prefixCondition(options.prefix)))
        .orderBy(asc(subjectVersions.subject))
        .$dynamic();
    if (options.offset > 0)
        query.offset(options.offset);
    if (options.limit >= 0)
        query.limit(options.limit);
    return (await query).map((r) => r.subject);
}
/** Every subject-version using a schema id, sorted by subject then version. */
export async function versionsUsingSchema(db, schemaId, filter) {
    const rows = await db
        .select(rowColumns)
        .from(subjectVersions)
        .where(and(eq(subjectVersions.schemaId, schemaId), filterCondition(filter)))
        .orderBy(asc(subjectVersions.subject), asc(subjectVersions.version));
    return rows.map(toRow);
}
export function prefixCondition(prefix) {
    // starts_with, not LIKE: subject names may contain % and _.
    return prefix === undefined || prefix === ''
        ? undefined
        : sql `starts_with(${subjectVersions.subject}, ${prefix})`;
}
