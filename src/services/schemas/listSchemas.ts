import { listVersionsWithSchemas } from '../../db/repositories/schemas.ts';
import type { Access } from '../../domain/access.ts';
import type { Deps } from '../../deps.ts';
import { subjectVersionView } from './readSchema.ts';

/**
 * GET /schemas: subject-versions with their schemas, sorted by subject then version; live ones only
 * unless `deleted`; with `latestOnly` just the newest (visible) version of each subject; with `schemaType`
 * (any case) only schemas of that type. Only subjects the key sees, filtered in the query.
 */
export async function listSchemas(
  deps: Deps,
  input: {
    prefix: string | undefined;
    deleted: boolean;
    latestOnly: boolean;
    schemaType: string | undefined;
    offset: number;
    limit: number;
    access: Access;
  },
): Promise<Array<Record<string, unknown>>> {
  const rows = await listVersionsWithSchemas(deps.db, {
    prefix: input.prefix,
    filter: input.deleted ? 'all' : 'live',
    latestOnly: input.latestOnly,
    schemaType: input.schemaType?.toUpperCase(),
    offset: input.offset,
    limit: input.limit,
    within: input.access.prefixes,
  });
  return rows.map((row) => subjectVersionView(row.subject, row.version, row.record));
}
