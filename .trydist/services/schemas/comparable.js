import { findSchemasByIds } from "../../db/repositories/schemas.js";
import { resolveReferences } from "./resolveReferences.js";
/**
 * The parsed, reference-resolved form of stored schemas, from the cache when possible: registering
 * against 1,000 versions must not re-parse 1,000 documents. Schema rows are immutable, so this is safe.
 */
export async function comparablesByIds(deps, db, ids, depth = 0) {
    const found = new Map();
    const missing = [];
    for (const id of ids) {
        const cached = deps.cache.comparableById(id);
        if (cached === undefined)
            missing.push(id);
        else
            found.set(id, cached);
    }
    if (missing.length === 0)
        return found;
    const rows = await findSchemasByIds(db, [...new Set(missing)]);
    for (const id of missing) {
        const row = rows.get(id);
        if (row === undefined)
            throw new Error(`schema row ${id} is missing`);
        const comparable = await buildComparable(deps, db, row, depth);
        deps.cache.rememberComparable(id, comparable);
        found.set(id, comparable);
    }
    return found;
}
/** One stored schema in parsed form. */
export async function comparableById(deps, db, id, depth = 0) {
    const comparable = (await comparablesByIds(deps, db, [id], depth)).get(id);
    if (comparable === undefined)
        throw new Error(`schema row ${id} is missing`);
    return comparable;
}
async function buildComparable(deps, db, row, depth) {
    const references = await resolveReferences(deps, db, row.references, depth + 1);
    return {
        schemaType: row.schemaType,
        fingerprint: row.fingerprint,
        // Stored text is canonical JSON written by Schemata itself, so it always parses.
        schema: JSON.parse(row.schema),
        references,
    };
}
