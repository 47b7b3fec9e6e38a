import type { Tx } from '../../db/client.ts';
import {
  bumpSchemaIdSequence,
  findSchemaIdByFingerprint,
  schemaExists,
} from '../../db/repositories/schemas.ts';
import { recordRegistered } from '../../db/repositories/registration.ts';
import { findVersion, insertVersion, maxVersion } from '../../db/repositories/versions.ts';
import { DomainError } from '../../domain/errors.ts';
import type { RegistryEvent } from '../../events/types.ts';
import type { ParsedSchema } from '../../domain/schema/json/parseSchema.ts';
import { storeSchema } from './storeSchema.ts';

/**
 * IMPORT mode (migrating from another registry): keeps the source's schema id and version, runs no
 * compatibility check, and moves the id sequence past imported ids. Runs under the subject lock.
 */
export async function registerImported(
  tx: Tx,
  subject: string,
  parsed: ParsedSchema,
  body: { id?: number; version?: number },
  actor: string | null,
): Promise<{ id: number; version: number; events: RegistryEvent[] }> {
  if (body.id !== undefined) await assertIdFree(tx, body.id, parsed.fingerprint);
  const version = body.version ?? (await maxVersion(tx, subject)) + 1;
  if (body.version !== undefined) {
    const taken = await findVersion(tx, subject, body.version);
    if (taken !== undefined) {
      throw new DomainError(
        'OPERATION_NOT_PERMITTED',
        `Version ${body.version} of subject '${subject}' already exists with schema id ${taken.schemaId}.`,
      );
    }
  }
  const id = await storeSchema(tx, parsed, body.id);
  if (body.id !== undefined) await bumpSchemaIdSequence(tx, body.id);
  await insertVersion(tx, { subject, version, schemaId: id });
  return { id, version, events: await recordRegistered(tx, subject, version, actor) };
}

/** 42207 when the id holds other text, or this text already has another id (ids and content are 1:1). */
async function assertIdFree(tx: Tx, id: number, fingerprint: string): Promise<void> {
  const holder = await schemaExists(tx, id);
  if (holder !== undefined && holder.fingerprint !== fingerprint) {
    throw new DomainError('ID_CONFLICT', `Schema id ${id} already belongs to a different schema.`);
  }
  const sameContent = await findSchemaIdByFingerprint(tx, fingerprint);
  if (sameContent !== undefined && sameContent !== id) {
    throw new DomainError(
      'ID_CONFLICT',
      `This schema is already registered with id ${sameContent}, not ${id}.`,
    );
  }
}
