import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable, type Tx } from '../client.ts';
import type { StoredConfig } from './configs.ts';
import { GLOBAL_CONFIG_KEY } from './configs.ts';
import { GLOBAL_MODE_KEY } from './modes.ts';
import { EVENT_COLUMNS_TEXT, eventFromRow, nextPosition, type EventRow } from '../../events/outbox.ts';
import type { RegistryEvent } from '../../events/types.ts';

/**
 * Registration's statements. Registering is the write every producer makes, so it is shaped for round
 * trips: everything the decision needs is read in one statement sent with the subject lock, the schema row
 * and the version are written by one statement, and the outbox event by the last one (it takes the feed
 * position), sent with it. Each query keeps to scalar columns and text so postgres.js and PGlite return the
 * same shapes.
 */

/** The subject's and the global mode and config rows, as stored (absent rows are undefined). */
export interface SubjectSettings {
  ownMode: string | undefined;
  globalMode: string | undefined;
  ownConfig: StoredConfig | undefined;
  globalConfig: StoredConfig | undefined;
}

/** A version row reduced to what registration uses. */
export interface VersionRef {
  version: number;
  schemaId: number;
}

/** Settings plus the subject's state under its lock. */
export interface RegistrationSnapshot extends SubjectSettings {
  /** max(version) over all versions, soft-deleted included (0 for a new subject). */
  maxVersion: number;
  /** The newest live version already holding this fingerprint, if any (idempotent registration). */
  existing: VersionRef | undefined;
  /** The newest live version: all a non-transitive level compares with. */
  latest: VersionRef | undefined;
}

interface SettingsColumns {
  own_mode: string | null;
  global_mode: string | null;
  own_config: boolean;
  own_level: string | null;
  own_policy: string | null;
  own_normalize: boolean | null;
  global_config: boolean;
  global_level: string | null;
  global_policy: string | null;
  global_normalize: boolean | null;
}

interface SnapshotColumns extends SettingsColumns {
  max_version: number | string;
  existing_version: number | string | null;
  existing_schema_id: number | string | null;
  latest_version: number | string | null;
  latest_schema_id: number | string | null;
}

const settingsColumns = (subject: unknown) => sql`
  (select mode from modes where subject = ${subject}) as own_mode,
  (select mode from modes where subject = ${GLOBAL_MODE_KEY}) as global_mode,
  own.subject is not null as own_config, own.compatibility_level as own_level,
  own.compatibility_policy as own_policy, own.normalize as own_normalize,
  glob.subject is not null as global_config, glob.compatibility_level as global_level,
  glob.compatibility_policy as global_policy, glob.normalize as global_normalize`;

const settingsJoins = (subject: unknown) => sql`
  left join configs own on own.subject = ${subject}
  left join configs glob on glob.subject = ${GLOBAL_CONFIG_KEY}`;

/** The mode and config chains of one subject in one round trip. */
export async function readSubjectSettings(db: Queryable, subject: string): Promise<SubjectSettings> {
  const [row] = await queryRows<SettingsColumns>(
    db,
    sql`select ${settingsColumns(subject)} from (select 1) as one ${settingsJoins(subject)}`,
  );
  return toSettings(row);
}

/**
 * Everything registration decides on, read after the subject lock is held: settings, the next version,
 * the version already holding `fingerprint` and the latest live version. Send it right behind
 * `lockSubject` (postgres.js pipelines both): the statement's snapshot starts once the lock is granted.
 */
export async function readRegistrationSnapshot(
  tx: Tx,
  subject: string,
  fingerprint: string,
): Promise<RegistrationSnapshot> {
  const [row] = await queryRows<SnapshotColumns>(tx, snapshotQuery(subject, fingerprint));
  return toSnapshot(row);
}

function snapshotQuery(subject: unknown, fingerprint: unknown): SQL {
  return sql`select ${settingsColumns(subject)},
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

function toSnapshot(row: SnapshotColumns | undefined): RegistrationSnapshot {
  return {
    ...toSettings(row),
    maxVersion: Number(row?.max_version ?? 0),
    existing: versionRef(row?.existing_version, row?.existing_schema_id),
    latest: versionRef(row?.latest_version, row?.latest_schema_id),
  };
}

export interface NewRegistration {
  subject: string;
  version: number;
  schemaType: string;
  canonical: string;
  fingerprint: string;
  references: unknown;
  metadata: unknown;
  ruleSet: unknown;
}

/**
 * Writes a registration in one statement: the schema row with its references (or the row that already
 * holds this content, committed before this statement) and the version; `recordRegistered` then writes its event. Returns the
 * schema id and whether the row is new, or undefined when nothing was written: the content was inserted by
 * a concurrent transaction that committed meanwhile, or the sequence handed out an id an import had taken.
 * The caller then takes the slower steps, which tell those apart.
 */
export async function insertRegistration(
  tx: Tx,
  r: NewRegistration,
): Promise<WrittenRegistration | undefined> {
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  const rows = await queryRows<{ id: number | string; created: boolean }>(
    tx,
    sql`with inserted as (
      insert into schemas (schema_type, schema, fingerprint, "references", metadata, rule_set)
      values (${r.schemaType}, ${r.canonical}, ${r.fingerprint}, ${json(r.references)}::jsonb,
        ${json(r.metadata)}::jsonb, ${json(r.ruleSet)}::jsonb)
      on conflict do nothing
      returning id
    ), refs as (
      insert into schema_references (schema_id, name, subject, version)
      select inserted.id, r.name, r.subject, r.version
      from inserted, jsonb_to_recordset(${json(r.references) ?? '[]'}::jsonb) as r(name text, subject text, version int)
      on conflict do nothing
    ), chosen as (
      select id from inserted
      union all
      select id from schemas where fingerprint = ${r.fingerprint}
      limit 1
    ), version as (
      insert into subject_versions (subject, version, schema_id)
      select ${r.subject}::text, ${r.version}::int, id from chosen
      returning schema_id
    )
    select id, exists (select 1 from inserted) as created from chosen`,
  );
  const [row] = rows;
  return row === undefined ? undefined : { schemaId: Number(row.id), created: row.created === true };
}

export interface WrittenRegistration {
  schemaId: number;
  created: boolean;
}

/**
 * Writes the `schema.registered` event of version `version` of `subject`, if this transaction wrote that
 * version, and returns it (to offer the relay after commit). It takes the feed position, so it is a
 * registration's last write (see events/outbox.ts). `actor` (the key's id, null with auth off) is recorded in
 * the event's data, as in every event.
 */
export async function recordRegistered(
  tx: Tx,
  subject: string,
  version: number,
  actor: string | null,
): Promise<RegistryEvent[]> {
  const rows = await queryRows<EventRow>(
    tx,
    sql`with written as (
      select v.schema_id, s.schema_type from subject_versions v join schemas s on s.id = v.schema_id
      where v.subject = ${subject}::text and v.version = ${version}::int and v.xmin = pg_current_xact_id()::xid
    ), position as (${nextPosition(sql`exists (select 1 from written)`)})
    insert into events (seq, event_type, subject, data)
    select position.seq, 'schema.registered', ${subject}::text, jsonb_build_object('subject', ${subject}::text,
      'version', ${version}::int, 'id', written.schema_id, 'schemaType', written.schema_type,
      'actor', ${actor}::text)
    from written, position
    returning ${sql.raw(EVENT_COLUMNS_TEXT)}`,
  );
  return rows.map(eventFromRow);
}

function toSettings(row: SettingsColumns | undefined): SubjectSettings {
  return {
    ownMode: row?.own_mode ?? undefined,
    globalMode: row?.global_mode ?? undefined,
    ownConfig:
      row?.own_config === true
        ? {
            compatibilityLevel: row.own_level,
            compatibilityPolicy: row.own_policy,
            normalize: row.own_normalize,
          }
        : undefined,
    globalConfig:
      row?.global_config === true
        ? {
            compatibilityLevel: row.global_level,
            compatibilityPolicy: row.global_policy,
            normalize: row.global_normalize,
          }
        : undefined,
  };
}

function versionRef(
  version: number | string | null | undefined,
  schemaId: number | string | null | undefined,
): VersionRef | undefined {
  if (version === null || version === undefined || schemaId === null || schemaId === undefined)
    return undefined;
  return { version: Number(version), schemaId: Number(schemaId) };
}
