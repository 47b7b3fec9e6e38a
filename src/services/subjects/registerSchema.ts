import { lockSubject, type Queryable, type Tx } from '../../db/client.ts';
import {
  insertRegistration,
  readRegistrationSnapshot,
  readSubjectSettings,
  recordRegistered,
  type SubjectSettings,
} from '../../db/repositories/registration.ts';
import { findVersionByFingerprint, insertVersion } from '../../db/repositories/versions.ts';
import { DomainError } from '../../domain/errors.ts';
import type { ParsedSchema, SchemaInput } from '../../domain/schema/json/parseSchema.ts';
import type { Deps } from '../../deps.ts';
import type { RegistryEvent } from '../../events/types.ts';
import { checkAgainstSubject, incompatibleError } from '../compatibility/checkAgainstSubject.ts';
import { effectiveConfig } from '../config/readEffectiveConfig.ts';
import { effectiveMode, type Mode } from '../mode/readEffectiveMode.ts';
import { parseRegisterRequest } from '../schemas/parseRequest.ts';
import { assertValidSubject, refuseReadOnly } from './guards.ts';
import { registerImported } from './registerImported.ts';
import { storeSchema } from './storeSchema.ts';
import type { Access } from '../../domain/access.ts';

export interface RegisterInput {
  subject: string;
  body: SchemaInput & { id?: number; version?: number };
  /** The `normalize` query flag; the subject's or global config can also switch normalisation on. */
  normalize: boolean;
  /**
   * Who asks: the key's id is recorded as the `schema.registered` event's `actor`, and a reference to a
   * subject outside its prefixes does not resolve. Absent for internal callers (full access, no actor).
   */
  access?: Access;
}

export interface Registered {
  id: number;
  version: number;
  parsed: ParsedSchema;
}

/** A registration made inside a transaction, and what is left to do once that transaction has committed. */
export interface PendingRegistration {
  registered: Registered;
  /** Offers the event to the relay and caches the parsed schema: call it after the commit, never before. */
  afterCommit(): void;
}

/**
 * Registers a schema under a subject (Confluent §5) in a transaction of its own; see `registerInTransaction`.
 * The schema is read before the transaction begins, so its parse holds no lock.
 */
export async function registerSchema(deps: Deps, input: RegisterInput): Promise<Registered> {
  assertValidSubject(input.subject);
  const parsed = await parseOrRefuse(deps, deps.db, input);
  const pending = await deps.db.transaction((tx) => registerInTransaction(deps, tx, input, parsed));
  pending.afterCommit();
  return pending.registered;
}

/**
 * The one registration path, in the caller's transaction: idempotent for a schema already live in the
 * subject, checked against the versions the subject's level selects, serialised per subject by a
 * transaction-scoped advisory lock (so it nests in a caller's transaction). In IMPORT mode the body's `id`
 * and `version` are honoured and no check runs. Its event row is the transaction's last write so far: a
 * caller that writes more events writes them after it. `parsed` is the request's schema when the caller
 * has parsed it already.
 */
export async function registerInTransaction(
  deps: Deps,
  tx: Tx,
  input: RegisterInput,
  parsed?: ParsedSchema,
): Promise<PendingRegistration> {
  const { subject, body } = input;
  assertValidSubject(subject);
  let schema = parsed ?? (await parseOrRefuse(deps, tx, input));
  // The lock and the snapshot go out together; the snapshot's statement starts once the lock is held, so
  // mode, config and contents stay current until commit (every writer of the subject takes this lock).
  const [, snapshot] = await Promise.all([
    lockSubject(tx, subject),
    readRegistrationSnapshot(tx, subject, schema.fingerprint),
  ]);
  const mode = assertWritableMode(subject, snapshot);
  const config = effectiveConfig(snapshot.ownConfig, snapshot.globalConfig, {
    level: deps.config.defaultCompatibility,
  });
  let existing = snapshot.existing;
  if (config.normalize && !input.normalize) {
    // The subject normalises: identity is the normalised form's fingerprint.
    schema = await parseRegisterRequest(deps, tx, subject, body, { normalize: true, access: input.access });
    existing = await findVersionByFingerprint(tx, subject, schema.fingerprint, false);
  }
  if (existing !== undefined && matchesRequest(existing, body)) {
    return {
      registered: { id: existing.schemaId, version: existing.version, parsed: schema },
      afterCommit() {},
    };
  }
  assertImportFields(mode, body);
  let written: { id: number; version: number; events: RegistryEvent[] };
  if (mode === 'IMPORT') {
    written = await registerImported(tx, subject, schema, body, actorOf(input));
  } else {
    const verdict = await checkAgainstSubject(deps, tx, subject, schema, config, snapshot);
    if (!verdict.compatible) throw incompatibleError(subject, verdict);
    const version = snapshot.maxVersion + 1;
    written = { version, ...(await writeVersion(tx, subject, version, schema, actorOf(input))) };
  }
  const { id, version, events } = written;
  return {
    registered: { id, version, parsed: schema },
    afterCommit() {
      deps.events.committed(events);
      // Read-your-writes on this instance: the parsed form is what the next check will compare with.
      deps.cache.rememberComparable(id, schema, schema.canonical.length);
    },
  };
}

const actorOf = (input: RegisterInput): string | null => input.access?.actor ?? null;

/**
 * Parses the request's schema (resolving its references through `db`). A refused write (mode, import-only
 * fields) outranks a bad schema, as in Confluent: a parse failure first checks those.
 */
async function parseOrRefuse(deps: Deps, db: Queryable, input: RegisterInput): Promise<ParsedSchema> {
  try {
    return await parseRegisterRequest(deps, db, input.subject, input.body, {
      normalize: input.normalize,
      access: input.access,
    });
  } catch (error) {
    const settings = await readSubjectSettings(db, input.subject);
    assertImportFields(assertWritableMode(input.subject, settings), input.body);
    throw error;
  }
}

/**
 * The schema row with its references and the version in one statement, sent together with the event
 * (which writes nothing unless the version was written). When the content was stored meanwhile by a
 * transaction that committed under another subject, or an import took the next id, the careful steps follow.
 */
async function writeVersion(
  tx: Tx,
  subject: string,
  version: number,
  parsed: ParsedSchema,
  actor: string | null,
): Promise<{ id: number; events: RegistryEvent[] }> {
  const [written, events] = await Promise.all([
    insertRegistration(tx, {
      subject,
      version,
      schemaType: parsed.schemaType,
      canonical: parsed.canonical,
      fingerprint: parsed.fingerprint,
      references: parsed.referenceList,
      metadata: parsed.metadata,
      ruleSet: parsed.ruleSet,
    }),
    recordRegistered(tx, subject, version, actor),
  ]);
  if (written !== undefined) return { id: written.schemaId, events };
  const id = await storeSchema(tx, parsed);
  await insertVersion(tx, { subject, version, schemaId: id });
  return { id, events: await recordRegistered(tx, subject, version, actor) };
}

/** The effective mode from settings already read, refusing writes in READONLY modes (42205). */
function assertWritableMode(subject: string, settings: SubjectSettings): Mode {
  const mode = effectiveMode(settings.ownMode, settings.globalMode);
  refuseReadOnly(subject, mode, 'register schemas');
  return mode;
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
