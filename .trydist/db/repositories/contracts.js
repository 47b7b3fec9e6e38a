import { and, asc, eq, inArray } from 'drizzle-orm';
import { recordColumns } from "./schemas.js";
import { schemas, subjectVersions } from "../schema.js";
/** Live versions of the given subjects, ordered by subject then version ascending. */
export async function readLiveVersions(db, subjects) {
    if (subjects.length === 0)
        return [];
    return db
        .select({
        subject: subjectVersions.subject,
        version: subjectVersions.version,
        ...recordColumns,
    })
        .from(subjectVersions)
        .innerJoin(schemas, eq(schemas.id, subjectVersions.schemaId))
        .where(and(inArray(subjectVersions.subject, [...subjects]), eq(subjectVersions.deleted, false)))
        .orderBy(asc(subjectVersions.subject), asc(subjectVersions.version));
}
