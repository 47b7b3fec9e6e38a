import type { Deps } from '../../deps.ts';
import { page } from '../subjects/params.ts';
import { usagesOf, type ByIdInput } from './getVersionsById.ts';

/** GET /schemas/ids/{id}/subjects: the distinct subjects using the id, sorted; 40403 for an unreadable id. */
export async function getSubjectsById(deps: Deps, input: ByIdInput): Promise<string[]> {
  const rows = await usagesOf(deps, input);
  return page([...new Set(rows.map((r) => r.subject))], input.offset, input.limit);
}
