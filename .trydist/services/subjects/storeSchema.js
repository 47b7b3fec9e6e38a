import { insertReferences } from "../../db/repositories/references.js";
import { findSchemaIdByFingerprint, insertSchemaIfAbsent } from "../../db/repositories/schemas.js";
import { DomainError } from "../../domain/errors.js";
/** The schema row for this content: reused by fingerprint across subjects, else inserted. */
export async function storeSchema(tx, parsed, explicitId) {
    // Without an explicit id, try the insert first: new content (the common case) costs one round trip.
    if (explicitId !== undefined) {
        const existing = await findSchemaIdByFingerprint(tx, parsed.fingerprint);
        if (existing !== undefined)
            return existing;
    }
    const inserted = await insertSchemaIfAbsent(tx, {
        id: explicitId,
        schemaType: parsed.schemaType,
        schema: parsed.canonical,
        fingerprint: parsed.fingerprint,
        references: parsed.referenceList,
        metadata: parsed.metadata ?? null,
        ruleSet: parsed.ruleSet ?? null,
    });
    if (inserted !== undefined) {
        await insertReferences(tx, inserted, parsed.referenceList);
        return inserted;
    }
    // A concurrent registration of the same content (another subject) committed first: use its row.
    const winner = await findSchemaIdByFingerprint(tx, parsed.fingerprint);
    if (winner !== undefined)
        return winner;
    // Only an id clash is left: an imported id, or a sequence value an earlier import already used.
    throw new DomainError('ID_CONFLICT', explicitId === undefined
        ? 'The next schema id is already taken by an imported schema; retry the registration.'
        : `Schema id ${explicitId} already belongs to a different schema.`);
}
