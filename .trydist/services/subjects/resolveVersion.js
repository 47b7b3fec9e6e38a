import { findLatestVersion, findVersion } from "../../db/repositories/versions.js";
import { subjectNotFound, versionNotFound } from "../../domain/errors.js";
/**
 * The version a path names. 40401 when the subject has no versions visible under `includeDeleted`;
 * 40402 when it has some but not this one (a soft-deleted one counts only with `includeDeleted`).
 * `latest` is the highest live version, or the highest of all with `includeDeleted`.
 */
export async function resolveVersion(db, subject, version, includeDeleted) {
    const row = version === 'latest'
        ? await findLatestVersion(db, subject, includeDeleted)
        : await findVersion(db, subject, version);
    if (row !== undefined && (!row.deleted || includeDeleted))
        return row;
    if ((await findLatestVersion(db, subject, includeDeleted)) === undefined)
        throw subjectNotFound(subject);
    throw versionNotFound(subject, version);
}
