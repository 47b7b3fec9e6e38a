import { referencingSchemaIds } from '../../db/repositories/references.ts';
import { seesSubject, type Access } from '../../domain/access.ts';
import { subjectNotFound } from '../../domain/errors.ts';
import type { Deps } from '../../deps.ts';
import { assertValidSubject } from './guards.ts';
import { page } from './params.ts';
import { resolveVersion } from './resolveVersion.ts';

/**
 * GET /subjects/{s}/versions/{v}/referencedby: ids of the schemas that reference this version and are
 * still registered somewhere (live, or soft-deleted too with `deleted`) under a subject the key sees, ascending.
 */
export async function getReferencedBy(
  deps: Deps,
  input: {
    subject: string;
    version: number | 'latest';
    deleted: boolean;
    offset: number;
    limit: number;
    access: Access;
  },
): Promise<number[]> {
  assertValidSubject(input.subject);
  if (!seesSubject(input.access, input.subject)) throw subjectNotFound(input.subject);
  const row = await resolveVersion(deps.db, input.subject, input.version, input.deleted);
  const ids = await referencingSchemaIds(
    deps.db,
    input.subject,
    [row.version],
    input.deleted,
    input.access.prefixes,
  );
  return page(ids, input.offset, input.limit);
}
