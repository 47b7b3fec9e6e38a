import type { Tx } from '../../db/client.ts';
import { insertReferences } from '../../db/repositories/references.ts';
import { findSchemaIdByFingerprint, insertSchemaIfAbsent } from '../../db/repositories/schemas.ts';
import { DomainError } from '../../domain/errors.ts';
import type { ParsedSchema } from '../../domain/schema/json/parseSchema.ts';

/** The schema row for this content: reused by fingerprint across subjects, else inserted. */
export async function storeSchema(tx: Tx, parsed: ParsedSchema, explicitId?: number): Promise<number> {
  // Without an explicit id, try the insert first: new content (the common case) costs one round trip.
  if (explicitId !== undefined) {
    const existing = await findSchemaIdByFingerprint(tx, parsed.fingerprint);
    if (existing !== undefined) return existing;
  }
  const inserted = await insertSchemaIfAbsent(tx, {
    id: explicitId,
    schemaType: parsed.schemaType,
    schema: parsed.canonical,
    fingerprint: parsed.fingerprint,
    references: parsed.referenceList,
    metadata: parsed.metadata ?? null,
    ruleSet: parsed.ruleSet ?? null,
  });
  if (inserted !== undefined) {
    await insertReferences(tx, inserted, parsed.referenceList);
    return inserted;
  }
  // A concurrent registration of the same content (another subject) committed first: use its row.
  const winner = await findSchemaIdByFingerprint(tx, parsed.fingerprint);
  if (winner !== undefined) return winner;
  // Only an id clash is left: an imported id, or a sequence value an earlier import already used.
  throw new DomainError(
    'ID_CONFLICT',
    explicitId === undefined
      ? 'The next schema id is already taken by an imported schema; retry the registration.'
      : `Schema id ${explicitId} already belongs to a different schema.`,
  );
}
