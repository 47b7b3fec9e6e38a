import { lockSubject } from "../../db/client.js";
import { referencingSchemaIds } from "../../db/repositories/references.js";
import { countVersions, hardDeleteVersions, softDeleteVersions } from "../../db/repositories/versions.js";
import { DomainError } from "../../domain/errors.js";
import { recordEvent } from "../../events/outbox.js";
import { assertValidSubject, assertWritable } from "./guards.js";
import { forgetSubjectSettings } from "./forgetSubjectSettings.js";
import { resolveVersion } from "./resolveVersion.js";
/**
 * DELETE /subjects/{s}/versions/{v}: soft delete, or with `permanent` a hard delete of a version that
 * was soft-deleted first (40407). A version another schema references cannot be deleted (42206).
 * Returns the version number deleted.
 */
export async function deleteVersion(deps, input) {
    const { subject, permanent } = input;
    assertValidSubject(subject);
    await assertWritable(deps.db, subject, 'delete versions');
    const deleted = await deps.db.transaction(async (tx) => {
        await lockSubject(tx, subject);
        await assertWritable(tx, subject, 'delete versions');
        // A numeric version is found even when soft-deleted (to answer 40406); `latest` means the newest
        // live version for a soft delete and the newest of all for a permanent one.
        const row = await resolveVersion(tx, subject, input.version, input.version !== 'latest' || permanent);
        if (!permanent && row.deleted) {
            throw new DomainError('VERSION_SOFT_DELETED', `Version ${row.version} of subject '${subject}' is already soft-deleted.`);
        }
        if (permanent && !row.deleted) {
            throw new DomainError('VERSION_NOT_SOFT_DELETED', `Version ${row.version} of subject '${subject}' must be soft-deleted before it is deleted permanently.`);
        }
        const referrers = await referencingSchemaIds(tx, subject, [row.version], true);
        if (referrers.length > 0) {
            throw new DomainError('REFERENCE_EXISTS', `Version ${row.version} of subject '${subject}' is referenced by schema id(s) ${referrers.join(', ')}; it cannot be deleted.`);
        }
        if (permanent)
            await hardDeleteVersions(tx, subject, [row.version]);
        else
            await softDeleteVersions(tx, subject, [row.version]);
        const forgotten = permanent && (await countVersions(tx, subject)).total === 0
            ? await forgetSubjectSettings(tx, subject)
            : [];
        await recordEvent(tx, {
            type: 'version.deleted',
            subject,
            data: { subject, version: row.version, id: row.schemaId, permanent },
        });
        for (const event of forgotten)
            await recordEvent(tx, event);
        return row;
    });
    deps.events.committed();
    if (permanent)
        deps.cache.forgetSchema(deleted.schemaId);
    return deleted.version;
}
