import { bumpSchemaIdSequence, findSchemaIdByFingerprint, schemaExists, } from "../../db/repositories/schemas.js";
import { recordRegistered } from "../../db/repositories/registration.js";
import { findVersion, insertVersion, maxVersion } from "../../db/repositories/versions.js";
import { DomainError } from "../../domain/errors.js";
import { storeSchema } from "./storeSchema.js";
/**
 * IMPORT mode (migrating from another registry): keeps the source's schema id and version, runs no
 * compatibility check, and moves the id sequence past imported ids. Runs under the subject lock.
 */
export async function registerImported(tx, subject, parsed, body) {
    if (body.id !== undefined)
        await assertIdFree(tx, body.id, parsed.fingerprint);
    const version = body.version ?? (await maxVersion(tx, subject)) + 1;
    if (body.version !== undefined) {
        const taken = await findVersion(tx, subject, body.version);
        if (taken !== undefined) {
            throw new DomainError('OPERATION_NOT_PERMITTED', `Version ${body.version} of subject '${subject}' already exists with schema id ${taken.schemaId}.`);
        }
    }
    const id = await storeSchema(tx, parsed, body.id);
    if (body.id !== undefined)
        await bumpSchemaIdSequence(tx, body.id);
    await insertVersion(tx, { subject, version, schemaId: id });
    await recordRegistered(tx, subject, version);
    return { id, version };
}
/** 42207 when the id holds other text, or this text already has another id (ids and content are 1:1). */
async function assertIdFree(tx, id, fingerprint) {
    const holder = await schemaExists(tx, id);
    if (holder !== undefined && holder.fingerprint !== fingerprint) {
        throw new DomainError('ID_CONFLICT', `Schema id ${id} already belongs to a different schema.`);
    }
    const sameContent = await findSchemaIdByFingerprint(tx, fingerprint);
    if (sameContent !== undefined && sameContent !== id) {
        throw new DomainError('ID_CONFLICT', `This schema is already registered with id ${sameContent}, not ${id}.`);
    }
}
