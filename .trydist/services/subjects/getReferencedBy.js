import { referencingSchemaIds } from "../../db/repositories/references.js";
import { assertValidSubject } from "./guards.js";
import { page } from "./params.js";
import { resolveVersion } from "./resolveVersion.js";
/**
 * GET /subjects/{s}/versions/{v}/referencedby: ids of the schemas that reference this version and are
 * still registered somewhere (live, or soft-deleted too with `deleted`), ascending.
 */
export async function getReferencedBy(deps, input) {
    assertValidSubject(input.subject);
    const row = await resolveVersion(deps.db, input.subject, input.version, input.deleted);
    const ids = await referencingSchemaIds(deps.db, input.subject, [row.version], input.deleted);
    return page(ids, input.offset, input.limit);
}
