import type { CachedSchema } from '../../cache/registryCache.ts';
import { maxSchemaId } from '../../db/repositories/schemas.ts';
import type { Access } from '../../domain/access.ts';
import type { Deps } from '../../deps.ts';
import { readSchemaById } from './readSchema.ts';

/**
 * GET /schemas/ids/{id}: the cached entry (its body is pre-serialised), answered from memory after the
 * first read. With `fetchMaxId` the body also carries the highest id, which needs the database.
 */
export async function getSchemaById(
  deps: Deps,
  input: { id: number; fetchMaxId: boolean; access: Access },
): Promise<{ cached: CachedSchema; maxId?: number }> {
  const cached = await readSchemaById(deps, input.id, input.access);
  if (!input.fetchMaxId) return { cached };
  return { cached, maxId: await maxSchemaId(deps.db) };
}
