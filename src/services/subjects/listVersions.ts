import { countVersions, listVersionRows } from '../../db/repositories/versions.ts';
import { seesSubject, type Access } from '../../domain/access.ts';
import { subjectNotFound } from '../../domain/errors.ts';
import type { Deps } from '../../deps.ts';
import { assertValidSubject } from './guards.ts';

/**
 * GET /subjects/{s}/versions: version numbers ascending — live ones, soft-deleted included with
 * `deleted`, or soft-deleted only with `deletedOnly`. 40401 when the subject has no versions to show.
 */
export async function listVersions(
  deps: Deps,
  input: {
    subject: string;
    deleted: boolean;
    deletedOnly: boolean;
    offset: number;
    limit: number;
    access: Access;
  },
): Promise<number[]> {
  assertValidSubject(input.subject);
  if (!seesSubject(input.access, input.subject)) throw subjectNotFound(input.subject);
  const counts = await countVersions(deps.db, input.subject);
  const visible = input.deleted || input.deletedOnly ? counts.total : counts.live;
  if (visible === 0) throw subjectNotFound(input.subject);
  const filter = input.deletedOnly ? 'deletedOnly' : input.deleted ? 'all' : 'live';
  const rows = await listVersionRows(deps.db, input.subject, filter, {
    offset: input.offset,
    limit: input.limit,
  });
  return rows.map((r) => r.version);
}
