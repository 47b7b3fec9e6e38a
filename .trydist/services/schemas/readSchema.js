import { findReadableSchema, findSchemasByIds } from "../../db/repositories/schemas.js";
import { schemaNotFound } from "../../domain/errors.js";
/**
 * The schema under `id` with its pre-serialised by-id body, from memory when possible. An id is readable
 * while any subject-version uses it, soft-deleted included; otherwise 40403.
 */
export async function readSchemaById(deps, id) {
    const cached = deps.cache.schemaById(id);
    if (cached !== undefined)
        return cached;
    const record = await findReadableSchema(deps.db, id);
    if (record === undefined)
        throw schemaNotFound(`Schema ${id}`);
    return deps.cache.rememberSchema(record);
}
/** Schema rows of versions already selected (so known to be readable), cached along the way. */
export async function schemaRecordsFor(deps, db, ids) {
    const found = new Map();
    const missing = [];
    for (const id of new Set(ids)) {
        const cached = deps.cache.schemaById(id);
        if (cached === undefined)
            missing.push(id);
        else
            found.set(id, cached.record);
    }
    if (missing.length === 0)
        return found;
    for (const [id, row] of await findSchemasByIds(db, missing)) {
        const { fingerprint: _fingerprint, ...record } = row;
        found.set(id, deps.cache.rememberSchema(record).record);
    }
    return found;
}
export async function schemaRecordFor(deps, db, id) {
    const record = (await schemaRecordsFor(deps, db, [id])).get(id);
    if (record === undefined)
        throw new Error(`schema row ${id} is missing`);
    return record;
}
/** Confluent's Schema view of a subject-version: empty fields omitted, `schemaType` omitted only for AVRO. */
export function subjectVersionView(subject, version, record) {
    return {
        subject,
        version,
        id: record.id,
        ...(record.schemaType === 'AVRO' ? {} : { schemaType: record.schemaType }),
        schema: record.schema,
        ...(record.references.length > 0 ? { references: record.references } : {}),
        ...(record.metadata !== null ? { metadata: record.metadata } : {}),
        ...(record.ruleSet !== null ? { ruleSet: record.ruleSet } : {}),
    };
}
