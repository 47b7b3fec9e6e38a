import { sql } from 'drizzle-orm';
import { queryRows } from "../client.js";
import { preparedTemplate } from "../inline.js";
import { GLOBAL_CONFIG_KEY } from "./configs.js";
import { GLOBAL_MODE_KEY } from "./modes.js";
import { EVENT_COLUMNS_TEXT, eventFromRow, nextPosition } from "../../events/outbox.js";
const settingsColumns = (subject) => sql `
  (select mode from modes where subject = ${subject}) as own_mode,
  (select mode from modes where subject = ${GLOBAL_MODE_KEY}) as global_mode,
  own.subject is not null as own_config, own.compatibility_level as own_level,
  own.compatibility_policy as own_policy, own.normalize as own_normalize,
  glob.subject is not null as global_config, glob.compatibility_level as global_level,
  glob.compatibility_policy as global_policy, glob.normalize as global_normalize`;
const settingsJoins = (subject) => sql `
  left join configs own on own.subject = ${subject}
  left join configs glob on glob.subject = ${GLOBAL_CONFIG_KEY}`;
/** The mode and config chains of one subject in one round trip. */
export async function readSubjectSettings(db, subject) {
    const [row] = await queryRows(db, sql `select ${settingsColumns(subject)} from (select 1) as one ${settingsJoins(subject)}`);
    return toSettings(row);
}
/**
 * Everything registration decides on, read after the subject lock is held: settings, the next version,
 * the version already holding `fingerprint` and the latest live version. Send it right behind
 * `lockSubject` (postgres.js pipelines both): the statement's snapshot starts once the lock is granted.
 */
export async function readRegistrationSnapshot(tx, subject, fingerprint) {
    const [row] = await queryRows(tx, snapshotQuery(subject, fingerprint));
    return toSnapshot(row);
}
function snapshotQuery(subject, fingerprint) {
    return sql `select ${settingsColumns(subject)},
      (select coalesce(max(version), 0) from subject_versions where subject = ${subject}) as max_version,
      existing.version as existing_version, existing.schema_id as existing_schema_id,
      latest.version as latest_version, latest.schema_id as latest_schema_id
    from (select 1) as one ${settingsJoins(subject)}
    left join lateral (
      select v.version, v.schema_id from subject_versions v join schemas s on s.id = v.schema_id
      where v.subject = ${subject} and s.fingerprint = ${fingerprint} and not v.deleted
      order by v.version desc limit 1) as existing on true
    left join lateral (
      select version, schema_id from subject_versions where subject = ${subject} and not deleted
      order by version desc limit 1) as latest on true`;
}
function toSnapshot(row) {
    return {
        ...toSettings(row),
        maxVersion: Number(row?.max_version ?? 0),
        existing: versionRef(row?.existing_version, row?.existing_schema_id),
        latest: versionRef(row?.latest_version, row?.latest_schema_id),
    };
}
/**
 * Writes a registration in one statement: the schema row (or the one that already holds this content,
 * committed before this statement) and the version; `registeredEvent` then writes its event. Returns the
 * schema id and whether the row is new, or undefined when nothing was written: the content was inserted by
 * a concurrent transaction that committed meanwhile, or the sequence handed out an id an import had taken.
 * The caller then takes the slower path, which tells those apart.
 */
export async function insertRegistration(tx, r) {
    return writtenRegistration(await queryRows(tx, registrationStatement(r)));
}
/** `insertRegistration`'s statement, for a caller that sends it itself; nothing is written unless `guard` holds. */
export function registrationStatement(r, guard = sql `true`) {
    return sql `with ${registrationSteps(registrationValues(r), guard)}
    select id, exists (select 1 from inserted) as created from chosen`;
}
/** A registration's statement values (JSON columns as text), by name. */
function registrationValues(r) {
    const json = (value) => (value === undefined || value === null ? null : JSON.stringify(value));
    return { ...r, references: json(r.references), metadata: json(r.metadata), ruleSet: json(r.ruleSet) };
}
/** The write's common table expressions: `inserted` (a new schema row), `chosen` (its id), `version`. */
function registrationSteps(r, guard) {
    return sql `inserted as (
      insert into schemas (schema_type, schema, fingerprint, "references", metadata, rule_set)
      select ${r.schemaType}, ${r.canonical}, ${r.fingerprint}, ${r.references}::jsonb,
        ${r.metadata}::jsonb, ${r.ruleSet}::jsonb
      where ${guard}
      on conflict do nothing
      returning id
    ), chosen as (
      select id from inserted
      union all
      select id from schemas where fingerprint = ${r.fingerprint} and ${guard}
      limit 1
    ), version as (
      insert into subject_versions (subject, version, schema_id)
      select ${r.subject}::text, ${r.version}::int, id from chosen
      returning schema_id
    )`;
}
/**
 * The `schema.registered` event of version `version` of `subject` if this transaction wrote that version,
 * else nothing. It takes the feed position, so it is a registration's last statement (see events/outbox.ts).
 */
export function registeredEvent(subject, version) {
    return sql `with written as (
      select v.schema_id, s.schema_type from subject_versions v join schemas s on s.id = v.schema_id
      where v.subject = ${subject}::text and v.version = ${version}::int and v.xmin = pg_current_xact_id()::xid
    ), position as (${nextPosition(sql `exists (select 1 from written)`)})
    insert into events (seq, event_type, subject, data)
    select position.seq, 'schema.registered', ${subject}::text, jsonb_build_object('subject', ${subject}::text,
      'version', ${version}::int, 'id', written.schema_id, 'schemaType', written.schema_type)
    from written, position
    returning ${sql.raw(EVENT_COLUMNS_TEXT)}`;
}
/** The event `registeredEvent` wrote, from its rows (none when it wrote nothing). */
export function registeredEvents(rows) {
    return (rows ?? []).map(eventFromRow);
}
/** Writes `registeredEvent` in a transaction (its last write); the event, to offer the relay after commit. */
export async function recordRegistered(tx, subject, version) {
    return registeredEvents(await queryRows(tx, registeredEvent(subject, version)));
}
/** `registeredEvent` for a script. */
export function registeredEventScript(subject, version) {
    registeredEventTemplate ??= preparedTemplate(registeredEvent(sql.placeholder('subject'), sql.placeholder('version')));
    return registeredEventTemplate({ subject, version });
}
let registeredEventTemplate;
/**
 * The fast path's write: reads the snapshot (send it right behind `subjectLockStatement`, in the same
 * transaction) and writes version `r.version` only if the subject is exactly in the `expected` state
 * and does not hold this schema yet. Either way it answers with the snapshot it read.
 */
export function speculativeRegistration(r, expected) {
    speculative ??= preparedTemplate(speculativeQuery());
    const values = registrationValues(r);
    for (const [column, [, of]] of Object.entries(EXPECTED))
        values[column] = of(expected) ?? null;
    return speculative(values);
}
let speculative;
/** The snapshot columns the fast path expects to find unchanged: SQL type, and the value it expects. */
const EXPECTED = {
    max_version: ['int', (s) => s.maxVersion],
    latest_version: ['int', (s) => s.latest?.version],
    latest_schema_id: ['bigint', (s) => s.latest?.schemaId],
    own_mode: ['text', (s) => s.ownMode],
    global_mode: ['text', (s) => s.globalMode],
    own_config: ['boolean', (s) => s.ownConfig !== undefined],
    own_level: ['text', (s) => s.ownConfig?.compatibilityLevel],
    own_policy: ['text', (s) => s.ownConfig?.compatibilityPolicy],
    own_normalize: ['boolean', (s) => s.ownConfig?.normalize],
    global_config: ['boolean', (s) => s.globalConfig !== undefined],
    global_level: ['text', (s) => s.globalConfig?.compatibilityLevel],
    global_policy: ['text', (s) => s.globalConfig?.compatibilityPolicy],
    global_normalize: ['boolean', (s) => s.globalConfig?.normalize],
};
function speculativeQuery() {
    const slot = (name) => sql.placeholder(name);
    const matches = sql.join([
        sql `snapshot.existing_version is null`,
        ...Object.entries(EXPECTED).map(([column, [type]]) => sql `snapshot.${sql.raw(column)} is not distinct from ${slot(column)}::${sql.raw(type)}`),
    ], sql ` and `);
    const r = {
        subject: slot('subject'),
        version: slot('version'),
        schemaType: slot('schemaType'),
        canonical: slot('canonical'),
        fingerprint: slot('fingerprint'),
        references: slot('references'),
        metadata: slot('metadata'),
        ruleSet: slot('ruleSet'),
    };
    return sql `with snapshot as (${snapshotQuery(r.subject, r.fingerprint)}),
      expected as (select 1 from snapshot where ${matches}),
      ${registrationSteps(r, sql `exists (select 1 from expected)`)}
    select snapshot.*, (select id from chosen) as written_id from snapshot`;
}
/** The fast path's answer: the schema id when it wrote the version, and the snapshot it read either way. */
export function speculationOutcome(rows) {
    const row = rows[0];
    const id = row?.written_id;
    return { writtenId: id === null || id === undefined ? undefined : Number(id), snapshot: toSnapshot(row) };
}
/** The statement's answer: undefined when it wrote nothing. */
export function writtenRegistration(rows) {
    const [row] = rows;
    return row === undefined ? undefined : { schemaId: Number(row.id), created: row.created === true };
}
function toSettings(row) {
    return {
        ownMode: row?.own_mode ?? undefined,
        globalMode: row?.global_mode ?? undefined,
        ownConfig: row?.own_config === true
            ? {
                compatibilityLevel: row.own_level,
                compatibilityPolicy: row.own_policy,
                normalize: row.own_normalize,
            }
            : undefined,
        globalConfig: row?.global_config === true
            ? {
                compatibilityLevel: row.global_level,
                compatibilityPolicy: row.global_policy,
                normalize: row.global_normalize,
            }
            : undefined,
    };
}
function versionRef(version, schemaId) {
    if (version === null || version === undefined || schemaId === null || schemaId === undefined)
        return undefined;
    return { version: Number(version), schemaId: Number(schemaId) };
}
