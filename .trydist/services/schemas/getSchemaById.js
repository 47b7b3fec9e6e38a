import { maxSchemaId } from "../../db/repositories/schemas.js";
import { readSchemaById } from "./readSchema.js";
/**
 * GET /schemas/ids/{id}: the cached entry (its body is pre-serialised), answered from memory after the
 * first read. With `fetchMaxId` the body also carries the highest id, which needs the database.
 */
export async function getSchemaById(deps, input) {
    const cached = await readSchemaById(deps, input.id);
    if (!input.fetchMaxId)
        return { cached };
    return { cached, maxId: await maxSchemaId(deps.db) };
}
