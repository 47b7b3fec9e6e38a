import { findReadableSchema } from "../../db/repositories/schemas.js";
import { versionsUsingSchema } from "../../db/repositories/versions.js";
import { schemaNotFound } from "../../domain/errors.js";
import { page } from "../subjects/params.js";
/**
 * GET /schemas/ids/{id}/versions: the subject-versions using the id (live, or soft-deleted too with
 * `deleted`), sorted by subject then version. 40403 when no subject-version uses the id at all.
 */
export async function getVersionsById(deps, input) {
    const rows = await usagesOf(deps, input);
    return page(rows.map((r) => ({ subject: r.subject, version: r.version })), input.offset, input.limit);
}
/** Subject-versions using the id under the `deleted` filter; 40403 when the id is not readable at all. */
export async function usagesOf(deps, input) {
    const rows = await versionsUsingSchema(deps.db, input.id, input.deleted ? 'all' : 'live');
    // No live usage may still mean a readable id (only soft-deleted usages): that is an empty list, not 40403.
    if (rows.length === 0 && (input.deleted || (await findReadableSchema(deps.db, input.id)) === undefined)) {
        throw schemaNotFound(`Schema ${input.id}`);
    }
    return rows;
}
