import { lockSubject } from "../../db/client.js";
import { referencingSchemaIds } from "../../db/repositories/references.js";
import { hardDeleteVersions, listVersionRows, softDeleteVersions, versionsUsingSchema, } from "../../db/repositories/versions.js";
import { DomainError, subjectNotFound } from "../../domain/errors.js";
import { recordEvent } from "../../events/outbox.js";
import { forgetSubjectSettings } from "./forgetSubjectSettings.js";
import { assertValidSubject, assertWritable } from "./guards.js";
/**
 * DELETE /subjects/{s}: soft-deletes every live version, or with `permanent` removes a subject that was
 * soft-deleted first (40405), with its config and mode. Returns the version numbers deleted.
 */
export async function deleteSubject(deps, input) {
    const { subject, permanent } = input;
    assertValidSubject(subject);
    await assertWritable(deps.db, subject, 'delete subjects');
    const deleted = await deps.db.transaction(async (tx) => {
        await lockSubject(tx, subject);
        await assertWritable(tx, subject, 'delete subjects');
        const rows = await listVersionRows(tx, subject, 'all');
        if (rows.length === 0)
            throw subjectNotFound(subject);
        const live = rows.filter((r) => !r.deleted);
        if (!permanent && live.length === 0) {
            throw new DomainError('SUBJECT_SOFT_DELETED', `Subject '${subject}' is already soft-deleted.`);
        }
        if (permanent && live.length > 0) {
            throw new DomainError('SUBJECT_NOT_SOFT_DELETED', `Subject '${subject}' must be soft-deleted before it is deleted permanently.`);
        }
        const targets = permanent ? rows : live;
        const versions = targets.map((r) => r.version);
        const referrers = await outsideReferrers(tx, subject, versions);
        if (referrers.length > 0) {
            throw new DomainError('REFERENCE_EXISTS', `Subject '${subject}' has versions referenced by schema id(s) ${referrers.join(', ')}; it cannot be deleted.`);
        }
        if (permanent)
            await hardDeleteVersions(tx, subject, versions);
        else
            await softDeleteVersions(tx, subject, versions);
        const forgotten = permanent ? await forgetSubjectSettings(tx, subject) : [];
        await recordEvent(tx, { type: 'subject.deleted', subject, data: { subject, versions, permanent } });
        for (const event of forgotten)
            await recordEvent(tx, event);
        return targets;
    });
    deps.events.committed();
    if (permanent)
        for (const row of deleted)
            deps.cache.forgetSchema(row.schemaId);
    return deleted.map((r) => r.version);
}
/** Schemas referencing these versions, except those used only by the very versions being deleted. */
async function outsideReferrers(tx, subject, versions) {
    const doomed = new Set(versions);
    const outside = [];
    for (const id of await referencingSchemaIds(tx, subject, versions, true)) {
        const users = await versionsUsingSchema(tx, id, 'all');
        if (users.some((u) => u.subject !== subject || !doomed.has(u.version)))
            outside.push(id);
    }
    return outside;
}
