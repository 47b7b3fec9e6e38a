import { versionsNewestFirst } from "../../db/repositories/versions.js";
import { resolveVersion } from "../subjects/resolveVersion.js";
import { comparablesByIds } from "./comparable.js";
/**
 * The subject's live versions in parsed form, newest first; soft-deleted versions never take part.
 * `limit` keeps plain (non-transitive) levels from loading history they never compare against.
 */
export async function loadLiveVersions(deps, db, subject, limit) {
    return loadVersionRefs(deps, db, await versionsNewestFirst(db, subject, 'live', limit));
}
/** Version rows already read, in parsed form (the cache usually has them). */
export async function loadVersionRefs(deps, db, rows) {
    if (rows.length === 0)
        return [];
    const parsed = await comparablesByIds(deps, db, rows.map((r) => r.schemaId));
    return rows.map((row) => {
        const comparable = parsed.get(row.schemaId);
        if (comparable === undefined)
            throw new Error(`schema row ${row.schemaId} is missing`);
        return { ...comparable, version: row.version };
    });
}
/**
 * One version in parsed form, for the single-version compatibility check. 40401 when the subject has no
 * (live, unless `includeDeleted`) versions; 40402 when it has, but not this one.
 */
export async function loadVersion(deps, db, subject, version, includeDeleted) {
    const row = await resolveVersion(db, subject, version, includeDeleted);
    const comparable = (await comparablesByIds(deps, db, [row.schemaId])).get(row.schemaId);
    if (comparable === undefined)
        throw new Error(`schema row ${row.schemaId} is missing`);
    return { ...comparable, version: row.version };
}
