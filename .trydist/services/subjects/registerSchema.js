import { lockSubject, subjectLockText } from "../../db/client.js";
import { insertReferences } from "../../db/repositories/references.js";
import { insertRegistration, readRegistrationSnapshot, readSubjectSettings, recordRegistered, registeredEvent, registeredEventScript, registeredEvents, registrationStatement, speculationOutcome, speculativeRegistration, writtenRegistration, } from "../../db/repositories/registration.js";
import { findVersionByFingerprint, insertVersion } from "../../db/repositories/versions.js";
import { DomainError } from "../../domain/errors.js";
import { isTransitive, prepareForCheck } from "../../domain/compatibility/index.js";
import { checkAgainstSubject, incompatibleError } from "../compatibility/checkAgainstSubject.js";
import { effectiveConfig } from "../config/readEffectiveConfig.js";
import { effectiveMode } from "../mode/readEffectiveMode.js";
import { identifyRegisterRequest, parseRegisterRequest } from "../schemas/parseRequest.js";
import { assertValidSubject, refuseReadOnly } from "./guards.js";
import { registerImported } from "./registerImported.js";
import { storeSchema } from "./storeSchema.js";
/**
 * Registers a schema under a subject (Confluent §5): idempotent for a schema already live in the subject,
 * checked against the versions the subject's level selects, serialised per subject by an advisory lock.
 * In IMPORT mode the body's `id` and `version` are honoured and no check runs.
 */
export async function registerSchema(deps, input) {
    const { subject, body } = input;
    assertValidSubject(subject);
    const pipelines = deps.database.pipelines;
    const pipelined = pipelines !== undefined && (body.references ?? []).length === 0;
    // Read the schema first (no database work): the common request is valid, and its fingerprint is what
    // the locked snapshot looks for. A subject or global config may still turn normalisation on (below).
    let identified;
    let parsed;
    try {
        const options = { normalize: input.normalize };
        if (pipelined)
            identified = identifyRegisterRequest(deps, body, options);
        parsed = identified?.schema ?? (await parseRegisterRequest(deps, deps.db, subject, body, options));
    }
    catch (error) {
        // A refused write (mode, import-only fields) outranks a bad schema, as in Confluent.
        const settings = await readSubjectSettings(deps.db, subject);
        assertImportFields(assertWritableMode(subject, settings), body);
        throw error;
    }
    const result = (pipelines !== undefined && identified !== undefined
        ? await registerOnPostgres(deps, pipelines, input, identified)
        : undefined) ??
        (await deps.db.transaction(async (tx) => {
            // The lock and the snapshot travel together; the snapshot's statement starts once the lock is held, so
            // mode, config and contents stay current until commit (every writer of the subject takes this lock).
            const [, snapshot] = await Promise.all([
                lockSubject(tx, subject),
                readRegistrationSnapshot(tx, subject, parsed.fingerprint),
            ]);
            const mode = assertWritableMode(subject, snapshot);
            const config = configOf(deps, snapshot);
            let existing = snapshot.existing;
            if (normalisedByConfig(config, input)) {
                // The subject normalises: identity is the normalised form's fingerprint.
                parsed = await parseRegisterRequest(deps, tx, subject, body, { normalize: true });
                existing = await findVersionByFingerprint(tx, subject, parsed.fingerprint, false);
            }
            if (existing !== undefined && matchesRequest(existing, body)) {
                return { id: existing.schemaId, version: existing.version, created: false };
            }
            assertImportFields(mode, body);
            if (mode === 'IMPORT') {
                return { ...(await registerImported(tx, subject, parsed, body)), created: true };
            }
            const verdict = await checkAgainstSubject(deps, tx, subject, parsed, config, snapshot);
            if (!verdict.compatible)
                throw incompatibleError(subject, verdict);
            const version = snapshot.maxVersion + 1;
            return { ...(await writeVersion(tx, subject, version, parsed)), version, created: true };
        }));
    if (result.created) {
        deps.events.committed(result.events);
        // Read-your-writes on this instance: the parsed form is what the next check will compare with.
        deps.cache.rememberComparable(result.id, parsed);
    }
    return { id: result.id, version: result.version, parsed };
}
/** The level and flags in force for a subject, from settings read with its state. */
const configOf = (deps, settings) => effectiveConfig(settings.ownConfig, settings.globalConfig, { level: deps.config.defaultCompatibility });
/** Config switches on a normalisation the request did not ask for (identity is then the normalised form's). */
const normalisedByConfig = (config, input) => config.normalize && !input.normalize;
/** PostgreSQL without references: the one-round-trip path when it applies, else the two-round-trip one. */
async function registerOnPostgres(deps, pipelines, input, identified) {
    let checked;
    const problemOf = () => (checked ??= { problem: validationProblem(identified) }).problem;
    const attempt = { deps, pipelines, input, identified, problemOf };
    return (await registerSpeculatively(attempt)) ?? (await registerPipelined(attempt));
}
/**
 * The common registration in one round trip, when this instance knows the subject's state (it last saw
 * it under the lock): the checks and the compatibility check run against that state first, then one
 * message takes the subject lock and writes the version only if the subject is still in exactly that
 * state — one socket write, one commit. Undefined when the locked path must decide: the state is unknown
 * or stale, or the request is anything but a valid, compatible new version in READWRITE mode.
 */
async function registerSpeculatively(attempt) {
    const { deps, pipelines, input, identified, problemOf } = attempt;
    const { subject, body } = input;
    const expected = deps.cache.subjectState(subject);
    if (expected === undefined || body.id !== undefined || body.version !== undefined)
        return undefined;
    if (effectiveMode(expected.ownMode, expected.globalMode) !== 'READWRITE')
        return undefined;
    const config = configOf(deps, expected);
    if (normalisedByConfig(config, input) || isTransitive(config.level))
        return undefined;
    // A bad schema is reported by the locked path, where a refused write outranks it.
    if (problemOf() !== undefined)
        return undefined;
    const parsed = identified.schema;
    const verdict = await checkAgainstSubject(deps, deps.db, subject, parsed, config, expected).catch(() => undefined);
    if (verdict?.compatible !== true)
        return undefined;
    const version = expected.maxVersion + 1;
    // Grouped with other subjects' registrations of this moment: one write and one commit for all of them.
    const [rows, eventRows] = await pipelines.groupScript({
        lock: subjectLockText(subject),
        statements: [speculativeRegistration(newRegistration(subject, version, parsed), expected)],
        last: [registeredEventScript(subject, version)],
        order: subject,
    });
    const { writtenId, snapshot } = speculationOutcome(rows ?? []);
    if (writtenId !== undefined) {
        rememberWritten(deps, subject, expected, version, writtenId);
        return { id: writtenId, version, created: true, events: registeredEvents(eventRows) };
    }
    rememberState(deps, subject, snapshot);
    // The subject already holds this schema: the answer the locked path would give, without asking again.
    const existing = snapshot.existing;
    const now = configOf(deps, snapshot);
    if (existing !== undefined &&
        effectiveMode(snapshot.ownMode, snapshot.globalMode) === 'READWRITE' &&
        !normalisedByConfig(now, input)) {
        return { id: existing.schemaId, version: existing.version, created: false };
    }
    return undefined;
}
/** Keeps what the fast path may expect of the subject next time (never trusted: it is checked under the lock). */
function rememberState(deps, subject, state) {
    const { ownMode, globalMode, ownConfig, globalConfig, maxVersion, latest } = state;
    deps.cache.rememberSubjectState(subject, {
        ownMode,
        globalMode,
        ownConfig,
        globalConfig,
        maxVersion,
        latest,
    });
}
/** The state after this instance wrote `version` (schema `schemaId`) on top of `before`. */
function rememberWritten(deps, subject, before, version, schemaId) {
    rememberState(deps, subject, { ...before, maxVersion: version, latest: { version, schemaId } });
}
/**
 * PostgreSQL's common case (no references) in two round trips: BEGIN, the subject lock and the snapshot go
 * out together, and the schema's remaining checks run while they travel; the schema row, version and event
 * go out with COMMIT. Undefined when the request needs the general path (normalisation switched on by
 * config, IMPORT mode, content that a concurrent transaction stored meanwhile); by then the schema has
 * passed its checks and this transaction has written nothing.
 */
async function registerPipelined(attempt) {
    const { deps, pipelines, input, identified, problemOf } = attempt;
    const { subject, body } = input;
    const parsed = identified.schema;
    return pipelines.transaction(async (tx) => {
        const locked = Promise.all([
            lockSubject(tx, subject),
            readRegistrationSnapshot(tx, subject, parsed.fingerprint),
        ]);
        locked.catch(() => undefined); // awaited below, after the checks
        // Let postgres.js write the statements, then check the schema while they travel. It hands a statement
        // to its connection a microtask after it is issued and writes from a setImmediate scheduled then; one
        // scheduled here after those microtasks runs right behind it, before any other I/O is handled.
        await null;
        await null;
        await new Promise((resolve) => setImmediate(resolve));
        const problem = problemOf();
        const [, snapshot] = await locked;
        rememberState(deps, subject, snapshot);
        const mode = assertWritableMode(subject, snapshot);
        if (problem !== undefined) {
            assertImportFields(mode, body);
            throw problem.error;
        }
        const config = configOf(deps, snapshot);
        if (normalisedByConfig(config, input))
            return undefined;
        const existing = snapshot.existing;
        if (existing !== undefined && matchesRequest(existing, body)) {
            return { id: existing.schemaId, version: existing.version, created: false };
        }
        assertImportFields(mode, body);
        if (mode === 'IMPORT')
            return undefined;
        // Stored schemas are immutable and the subject cannot change while its lock is held, so the check may
        // read through the pool.
        const verdict = await checkAgainstSubject(deps, deps.db, subject, parsed, config, snapshot);
        if (!verdict.compatible)
            throw incompatibleError(subject, verdict);
        const version = snapshot.maxVersion + 1;
        const { rows, after } = await tx.commitWith(registrationStatement(newRegistration(subject, version, parsed), tx.fence), registeredEvent(subject, version));
        const written = writtenRegistration(rows);
        if (written === undefined)
            return undefined;
        rememberWritten(deps, subject, snapshot, version, written.schemaId);
        return { id: written.schemaId, version, created: true, events: registeredEvents(after[0]) };
    });
}
/** Runs the schema's remaining checks and prepares it for the compatibility check; the error if one fails. */
function validationProblem(identified) {
    try {
        identified.validate();
    }
    catch (error) {
        return { error };
    }
    prepareForCheck(identified.schema);
    return undefined;
}
function newRegistration(subject, version, parsed) {
    return {
        subject,
        version,
        schemaType: parsed.schemaType,
        canonical: parsed.canonical,
        fingerprint: parsed.fingerprint,
        references: parsed.referenceList,
        metadata: parsed.metadata,
        ruleSet: parsed.ruleSet,
    };
}
/** Schema row and version (one statement in the common case, the careful path otherwise), references, then the event. */
async function writeVersion(tx, subject, version, parsed) {
    const written = await insertRegistration(tx, newRegistration(subject, version, parsed));
    let id;
    if (written !== undefined) {
        id = written.schemaId;
        if (written.created)
            await insertReferences(tx, id, parsed.referenceList);
    }
    else {
        // The same content committed meanwhile under another subject, or an id clash with an import.
        id = await storeSchema(tx, parsed);
        await insertVersion(tx, { subject, version, schemaId: id });
    }
    return { id, events: await recordRegistered(tx, subject, version) };
}
/** The effective mode from settings already read, refusing writes in READONLY modes (42205). */
function assertWritableMode(subject, settings) {
    const mode = effectiveMode(settings.ownMode, settings.globalMode);
    refuseReadOnly(subject, mode, 'register schemas');
    return mode;
}
/** An explicit `id` or `version` in the body is honoured only in IMPORT mode (42205 otherwise). */
function assertImportFields(mode, body) {
    if (mode !== 'IMPORT' && (body.id !== undefined || body.version !== undefined)) {
        throw new DomainError('OPERATION_NOT_PERMITTED', 'A schema id or version can be given only in IMPORT mode.');
    }
}
/** An existing live version answers the request unless an import asks for a different id or version. */
function matchesRequest(existing, body) {
    return ((body.id === undefined || body.id === existing.schemaId) &&
        (body.version === undefined || body.version === existing.version));
}
