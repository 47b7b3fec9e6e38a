import { page } from "../subjects/params.js";
import { usagesOf } from "./getVersionsById.js";
/** GET /schemas/ids/{id}/subjects: the distinct subjects using the id, sorted; 40403 for an unreadable id. */
export async function getSubjectsById(deps, input) {
    const rows = await usagesOf(deps, input);
    return page([...new Set(rows.map((r) => r.subject))], input.offset, input.limit);
}
