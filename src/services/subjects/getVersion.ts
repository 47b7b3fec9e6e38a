import type { SchemaRecord } from '../../db/repositories/schemas.ts';
import { seesSubject, type Access } from '../../domain/access.ts';
import { subjectNotFound } from '../../domain/errors.ts';
import type { Deps } from '../../deps.ts';
import { schemaRecordFor, subjectVersionView } from '../schemas/readSchema.ts';
import { assertValidSubject } from './guards.ts';
import { resolveVersion } from './resolveVersion.ts';

/**
 * One version of a subject and its schema row. Soft-deleted versions are visible only with `deleted`;
 * `latest` is the newest visible one. 40401 / 40402 as in `resolveVersion`; 40401 for a subject the key
 * does not see, as for one that does not exist.
 */
export async function readVersion(
  deps: Deps,
  input: { subject: string; version: number | 'latest'; deleted: boolean; access: Access },
): Promise<{ version: number; record: SchemaRecord }> {
  assertValidSubject(input.subject);
  if (!seesSubject(input.access, input.subject)) throw subjectNotFound(input.subject);
  const row = await resolveVersion(deps.db, input.subject, input.version, input.deleted);
  return { version: row.version, record: await schemaRecordFor(deps, deps.db, row.schemaId) };
}

/** GET /subjects/{s}/versions/{v}: the Schema view. */
export async function getVersion(
  deps: Deps,
  input: { subject: string; version: number | 'latest'; deleted: boolean; access: Access },
): Promise<Record<string, unknown>> {
  const { version, record } = await readVersion(deps, input);
  return subjectVersionView(input.subject, version, record);
}
