import { and, asc, eq, exists, inArray, sql } from 'drizzle-orm';
import { schemaReferences, subjectVersions } from "../schema.js";
/** Records which subject versions a schema references (once per schema row). */
export async function insertReferences(tx, schemaId, references) {
    if (references.length === 0)
        return;
    await tx
        .insert(schemaReferences)
        .values(references.map((r) => ({ schemaId, name: r.name, subject: r.subject, version: r.version })))
        .onConflictDoNothing();
}
/**
 * Ids of schemas that reference `subject` `version` and still exist as some subject-version
 * (live only, or soft-deleted included), ascending.
 */
export async function referencingSchemaIds(db, subject, versions, includeDeletedReferrers) {
    if (versions.length === 0)
        return [];
    const used = db
        .select({ one: sql `1` })
        .from(subjectVersions)
        .where(and(eq(subjectVersions.schemaId, schemaReferences.schemaId), includeDeletedReferrers ? undefined : eq(subjectVersions.deleted, false)));
    const rows = await db
        .selectDistinct({ schemaId: schemaReferences.schemaId })
        .from(schemaReferences)
        .where(and(eq(schemaReferences.subject, subject), inArray(schemaReferences.version, [...versions]), exists(used)))
        .orderBy(asc(schemaReferences.schemaId));
    return rows.map((r) => Number(r.schemaId));
}
