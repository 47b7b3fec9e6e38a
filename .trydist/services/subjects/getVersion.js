import { schemaRecordFor, subjectVersionView } from "../schemas/readSchema.js";
import { assertValidSubject } from "./guards.js";
import { resolveVersion } from "./resolveVersion.js";
/**
 * One version of a subject and its schema row. Soft-deleted versions are visible only with `deleted`;
 * `latest` is the newest visible one. 40401 / 40402 as in `resolveVersion`.
 */
export async function readVersion(deps, input) {
    assertValidSubject(input.subject);
    const row = await resolveVersion(deps.db, input.subject, input.version, input.deleted);
    return { version: row.version, record: await schemaRecordFor(deps, deps.db, row.schemaId) };
}
/** GET /subjects/{s}/versions/{v}: the Schema view. */
export async function getVersion(deps, input) {
    const { version, record } = await readVersion(deps, input);
    return subjectVersionView(input.subject, version, record);
}
