import { lockSubject } from '../../db/client.ts';
import { findVersionByFingerprint, insertVersion, maxVersion } from '../../db/repositories/versions.ts';
import { DomainError } from '../../domain/errors.ts';
import type { ParsedSchema, SchemaInput } from '../../domain/schema/json/parseSchema.ts';
import type { Deps } from '../../deps.ts';
import { recordEvent } from '../../events/outbox.ts';
import { checkAgainstSubject, incompatibleError } from '../compatibility/checkAgainstSubject.ts';
import { readEffectiveConfig } from '../config/readEffectiveConfig.ts';
import type { Mode } from '../mode/readEffectiveMode.ts';
import { parseRegisterRequest } from '../schemas/parseRequest.ts';
import { assertValidSubject, assertWritable } from './guards.ts';
import { registerImported } from './registerImported.ts';
import { storeSchema } from './storeSchema.ts';

export interface RegisterInput {
  subject: string;
  body: SchemaInput & { id?: number; version?: number };
  /** The `normalize` query flag; the subject's or global config can also switch normalisation on. */
  normalize: boolean;
}

export interface Registered {
  id: number;
  version: number;
  parsed: ParsedSchema;
}

/**
 * Registers a schema under a subject (Confluent §5): idempotent for a schema already live in the subject,
 * checked against the versions the subject's level selects, serialised per subject by an advisory lock.
 * In IMPORT mode the body's `id` and `version` are honoured and no check runs.
 */
export async function registerSchema(deps: Deps, input: RegisterInput): Promise<Registered> {
  const { subject, body } = input;
  assertValidSubject(subject);
  const defaults = { level: deps.config.defaultCompatibility };
  const [mode, config] = await Promise.all([
    assertWritable(deps.db, subject, 'register schemas'),
    readEffectiveConfig(deps.db, subject, defaults),
  ]);
  assertImportFields(mode, body);
  const parsed = await parseRegisterRequest(deps, deps.db, subject, body, {
    normalize: input.normalize || config.normalize,
  });

  // Fast path without the lock: most re-registrations are of a schema that is already there.
  const known = await findVersionByFingerprint(deps.db, subject, parsed.fingerprint, false);
  if (known !== undefined && matchesRequest(known, body)) {
    return { id: known.schemaId, version: known.version, parsed };
  }

  const result = await deps.db.transaction(async (tx) => {
    await lockSubject(tx, subject);
    // Mode, config and contents may have changed while we waited for the lock: decide again under it.
    // Subject writers all take the same lock, so these reads stay current until commit; they are sent
    // together (postgres.js pipelines them on the transaction's connection).
    const [lockedMode, again, lockedConfig, latestVersion] = await Promise.all([
      assertWritable(tx, subject, 'register schemas'),
      findVersionByFingerprint(tx, subject, parsed.fingerprint, false),
      readEffectiveConfig(tx, subject, defaults),
      maxVersion(tx, subject),
    ]);
    if (again !== undefined && matchesRequest(again, body)) {
      return { id: again.schemaId, version: again.version, created: false };
    }
    assertImportFields(lockedMode, body);
    if (lockedMode === 'IMPORT') {
      return { ...(await registerImported(tx, subject, parsed, body)), created: true };
    }
    const verdict = await checkAgainstSubject(deps, tx, subject, parsed, lockedConfig);
    if (!verdict.compatible) throw incompatibleError(subject, verdict);
    const id = await storeSchema(tx, parsed);
    const version = latestVersion + 1;
    await Promise.all([
      insertVersion(tx, { subject, version, schemaId: id }),
      recordEvent(tx, {
        type: 'schema.registered',
        subject,
        data: { subject, version, id, schemaType: parsed.schemaType },
      }),
    ]);
    return { id, version, created: true };
  });
  if (result.created) {
    deps.events.committed();
    // Read-your-writes on this instance: the parsed form is what the next check will compare with.
    deps.cache.rememberComparable(result.id, parsed);
  }
  return { id: result.id, version: result.version, parsed };
}

/** An explicit `id` or `version` in the body is honoured only in IMPORT mode (42205 otherwise). */
function assertImportFields(mode: Mode, body: { id?: number; version?: number }): void {
  if (mode !== 'IMPORT' && (body.id !== undefined || body.version !== undefined)) {
    throw new DomainError(
      'OPERATION_NOT_PERMITTED',
      'A schema id or version can be given only in IMPORT mode.',
    );
  }
}

/** An existing live version answers the request unless an import asks for a different id or version. */
function matchesRequest(
  existing: { schemaId: number; version: number },
  body: { id?: number; version?: number },
): boolean {
  return (
    (body.id === undefined || body.id === existing.schemaId) &&
    (body.version === undefined || body.version === existing.version)
  );
}
