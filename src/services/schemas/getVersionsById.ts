import { findReadableSchema } from '../../db/repositories/schemas.ts';
import { versionsUsingSchema, type VersionRow } from '../../db/repositories/versions.ts';
import { schemaNotFound } from '../../domain/errors.ts';
import type { Access } from '../../domain/access.ts';
import type { Deps } from '../../deps.ts';
import { page } from '../subjects/params.ts';

export interface ByIdInput {
  id: number;
  deleted: boolean;
  offset: number;
  limit: number;
  access: Access;
}

/**
 * GET /schemas/ids/{id}/versions: the subject-versions using the id (live, or soft-deleted too with
 * `deleted`), sorted by subject then version. 40403 when no subject-version uses the id at all (of the
 * subjects the key sees).
 */
export async function getVersionsById(
  deps: Deps,
  input: ByIdInput,
): Promise<Array<{ subject: string; version: number }>> {
  const rows = await usagesOf(deps, input);
  return page(
    rows.map((r) => ({ subject: r.subject, version: r.version })),
    input.offset,
    input.limit,
  );
}

/** Subject-versions using the id under the `deleted` filter; 40403 when the id is not readable at all. */
export async function usagesOf(
  deps: Deps,
  input: { id: number; deleted: boolean; access: Access },
): Promise<VersionRow[]> {
  const within = input.access.prefixes;
  const rows = await versionsUsingSchema(deps.db, input.id, input.deleted ? 'all' : 'live', within);
  // No live usage may still mean a readable id (only soft-deleted usages): that is an empty list, not 40403.
  if (
    rows.length === 0 &&
    (input.deleted || (await findReadableSchema(deps.db, input.id, within)) === undefined)
  ) {
    throw schemaNotFound(`Schema ${input.id}`);
  }
  return rows;
}
