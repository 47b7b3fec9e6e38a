import { listVersionsWithSchemas } from "../../db/repositories/schemas.js";
import { subjectVersionView } from "./readSchema.js";
/**
 * GET /schemas: subject-versions with their schemas, sorted by subject then version; live ones only
 * unless `deleted`; with `latestOnly` just the newest (visible) version of each subject.
 */
export async function listSchemas(deps, input) {
    const rows = await listVersionsWithSchemas(deps.db, {
        prefix: input.prefix,
        filter: input.deleted ? 'all' : 'live',
        latestOnly: input.latestOnly,
        offset: input.offset,
        limit: input.limit,
    });
    return rows.map((row) => subjectVersionView(row.subject, row.version, row.record));
}
