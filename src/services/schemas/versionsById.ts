import { findReadableSchema } from '../../db/repositories/schemas.ts';
import { versionsUsingSchema } from '../../db/repositories/versions.ts';
import { schemaNotFound } from '../../domain/errors.ts';
import type { Deps } from '../../deps.ts';
import { page } from '../subjects/guards.ts';

interface ByIdInput {
  id: number;
  deleted: boolean;
  offset: number;
  limit: number;
}

/**
 * GET /schemas/ids/{id}/versions: the subject-versions using the id (live, or soft-deleted too with
 * `deleted`), sorted by subject then version. 40403 when no subject-version uses the id at all.
 */
export async function getVersionsById(
  deps: Deps,
  input: ByIdInput,
): Promise<Array<{ subject: string; version: number }>> {
  const rows = await usages(deps, input);
  return page(
    rows.map((r) => ({ subject: r.subject, version: r.version })),
    input.offset,
    input.limit,
  );
}

/** GET /schemas/ids/{id}/subjects: the distinct subjects using the id, sorted. */
export async function getSubjectsById(deps: Deps, input: ByIdInput): Promise<string[]> {
  const rows = await usages(deps, input);
  return page([...new Set(rows.map((r) => r.subject))], input.offset, input.limit);
}

async function usages(deps: Deps, input: ByIdInput) {
  const rows = await versionsUsingSchema(deps.db, input.id, input.deleted ? 'all' : 'live');
  if (rows.length === 0 && (input.deleted || (await findReadableSchema(deps.db, input.id)) === undefined)) {
    throw schemaNotFound(`Schema ${input.id}`);
  }
  return rows;
}
