import { listSubjectNames } from '../../db/repositories/versions.ts';
import type { Access } from '../../domain/access.ts';
import type { Deps } from '../../deps.ts';

/**
 * GET /subjects: sorted names of subjects with a live version; with `deleted` also subjects whose
 * versions are all soft-deleted; with `deletedOnly` the subjects that have a soft-deleted version. Only the
 * subjects the key sees (filtered in the query, so paging counts only those).
 */
export async function listSubjects(
  deps: Deps,
  input: {
    prefix: string | undefined;
    deleted: boolean;
    deletedOnly: boolean;
    offset: number;
    limit: number;
    access: Access;
  },
): Promise<string[]> {
  const filter = input.deletedOnly ? 'deletedOnly' : input.deleted ? 'all' : 'live';
  return listSubjectNames(deps.db, {
    prefix: input.prefix,
    filter,
    offset: input.offset,
    limit: input.limit,
    within: input.access.prefixes,
  });
}
