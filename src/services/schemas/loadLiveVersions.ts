import type { ExistingVersion } from '../../domain/compatibility/index.ts';
import type { Queryable } from '../../db/client.ts';
import { versionsNewestFirst } from '../../db/repositories/versions.ts';
import type { Deps } from '../../deps.ts';
import { resolveVersion } from '../subjects/resolveVersion.ts';
import { comparablesByIds } from './comparable.ts';

/**
 * The subject's live versions in parsed form, newest first; soft-deleted versions never take part.
 * `limit` keeps plain (non-transitive) levels from loading history they never compare against.
 */
export async function loadLiveVersions(
  deps: Deps,
  db: Queryable,
  subject: string,
  limit?: number,
): Promise<ExistingVersion[]> {
  return loadVersionRefs(deps, db, await versionsNewestFirst(db, subject, 'live', limit));
}

/** Version rows already read, in parsed form (the cache usually has them). */
export async function loadVersionRefs(
  deps: Deps,
  db: Queryable,
  rows: readonly { version: number; schemaId: number }[],
): Promise<ExistingVersion[]> {
  if (rows.length === 0) return [];
  const parsed = await comparablesByIds(
    deps,
    db,
    rows.map((r) => r.schemaId),
  );
  return rows.map((row) => {
    const comparable = parsed.get(row.schemaId);
    if (comparable === undefined) throw new Error(`schema row ${row.schemaId} is missing`);
    return { ...comparable, version: row.version };
  });
}

/**
 * One version in parsed form, for the single-version compatibility check. 40401 when the subject has no
 * (live, unless `includeDeleted`) versions; 40402 when it has, but not this one.
 */
export async function loadVersion(
  deps: Deps,
  db: Queryable,
  subject: string,
  version: number | 'latest',
  includeDeleted: boolean,
): Promise<ExistingVersion> {
  const row = await resolveVersion(db, subject, version, includeDeleted);
  const comparable = (await comparablesByIds(deps, db, [row.schemaId])).get(row.schemaId);
  if (comparable === undefined) throw new Error(`schema row ${row.schemaId} is missing`);
  return { ...comparable, version: row.version };
}
