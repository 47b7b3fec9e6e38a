import type { Queryable } from '../../db/client.ts';
import { findLatestVersion, findVersion, type VersionRow } from '../../db/repositories/versions.ts';
import { subjectNotFound, versionNotFound } from '../../domain/errors.ts';

/**
 * The version a path names. 40401 when the subject has no versions visible under `includeDeleted`;
 * 40402 when it has some but not this one (a soft-deleted one counts only with `includeDeleted`).
 * `latest` is the highest live version, or the highest of all with `includeDeleted`.
 */
export async function resolveVersion(
  db: Queryable,
  subject: string,
  version: number | 'latest',
  includeDeleted: boolean,
): Promise<VersionRow> {
  const row =
    version === 'latest'
      ? await findLatestVersion(db, subject, includeDeleted)
      : await findVersion(db, subject, version);
  if (row !== undefined && (!row.deleted || includeDeleted)) return row;
  if ((await findLatestVersion(db, subject, includeDeleted)) === undefined) throw subjectNotFound(subject);
  throw versionNotFound(subject, version);
}
