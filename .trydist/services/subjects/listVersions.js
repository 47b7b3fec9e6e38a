import { countVersions, listVersionRows } from "../../db/repositories/versions.js";
import { subjectNotFound } from "../../domain/errors.js";
import { assertValidSubject } from "./guards.js";
/**
 * GET /subjects/{s}/versions: version numbers ascending — live ones, soft-deleted included with
 * `deleted`, or soft-deleted only with `deletedOnly`. 40401 when the subject has no versions to show.
 */
export async function listVersions(deps, input) {
    assertValidSubject(input.subject);
    const counts = await countVersions(deps.db, input.subject);
    const visible = input.deleted || input.deletedOnly ? counts.total : counts.live;
    if (visible === 0)
        throw subjectNotFound(input.subject);
    const filter = input.deletedOnly ? 'deletedOnly' : input.deleted ? 'all' : 'live';
    const rows = await listVersionRows(deps.db, input.subject, filter, {
        offset: input.offset,
        limit: input.limit,
    });
    return rows.map((r) => r.version);
}
