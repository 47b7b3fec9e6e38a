import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/** Global schema ids: allocated from a sequence, shared by all subjects, never reused. */
export const schemaIds = pgSequence('schema_ids', { startWith: 1 });

/** Immutable schema content. Same canonical content (and references) → same row → same id. */
export const schemas = pgTable('schemas', {
  id: bigint('id', { mode: 'number' })
    .primaryKey()
    .default(sql`nextval('schema_ids')`),
  schemaType: text('schema_type').notNull(),
  /** Canonical text (compact JSON, key order preserved; sorted when normalised). */
  schema: text('schema').notNull(),
  /** sha256 over type, canonical text, references, metadata and rule set: the identity used for dedup. */
  fingerprint: text('fingerprint').notNull().unique(),
  references: jsonb('references').$type<SchemaReference[]>().notNull().default([]),
  metadata: jsonb('metadata'),
  ruleSet: jsonb('rule_set'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export interface SchemaReference {
  name: string;
  subject: string;
  version: number;
}

/** (subject, version) → schema id. Soft delete sets `deleted`; hard delete removes the row. */
export const subjectVersions = pgTable(
  'subject_versions',
  {
    subject: text('subject').notNull(),
    version: integer('version').notNull(),
    schemaId: bigint('schema_id', { mode: 'number' })
      .notNull()
      .references(() => schemas.id),
    deleted: boolean('deleted').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.subject, t.version] }),
    index('subject_versions_schema_id').on(t.schemaId),
  ],
);

/** Which schema references which subject version (for `referencedby` and delete protection). */
export const schemaReferences = pgTable(
  'schema_references',
  {
    schemaId: bigint('schema_id', { mode: 'number' })
      .notNull()
      .references(() => schemas.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    subject: text('subject').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schemaId, t.name] }),
    index('schema_references_target').on(t.subject, t.version),
  ],
);

/** Compatibility config; the row with subject '' is the global config (an empty subject name is invalid). */
export const configs = pgTable('configs', {
  subject: text('subject').primaryKey(),
  compatibilityLevel: text('compatibility_level'),
  compatibilityPolicy: text('compatibility_policy'),
  normalize: boolean('normalize'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Mode (READWRITE, READONLY, READONLY_OVERRIDE, IMPORT); the row with subject '' is the global mode. */
export const modes = pgTable('modes', {
  subject: text('subject').primaryKey(),
  mode: text('mode').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Transactional outbox and durable change feed. A row is written in the same transaction as the change,
 * with its feed position `seq` taken from the `head` row of `outbox_positions`: that row lock is held to
 * commit, so positions follow commit order and a reader polling `after=<last seen>` never skips one. Rows
 * are never updated: publishing advances a cursor instead (see `outboxPositions`).
 */
export const events = pgTable(
  'events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    seq: bigint('seq', { mode: 'number' }).notNull().unique(),
    eventType: text('event_type').notNull(),
    subject: text('subject'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('events_subject_seq').on(t.subject, t.seq)],
);

/**
 * The feed's two positions: `head`, the last position handed out (the event writers' sequencer), and
 * `published`, the last position the relay published (everything at or below it went out at least once).
 */
export const outboxPositions = pgTable('outbox_positions', {
  name: text('name').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
});

/** The registry's identity (one row, written by migration 0002): envelopes carry it, channels are named after it. */
export const registryIdentity = pgTable(
  'registry_identity',
  {
    singleton: boolean('singleton').primaryKey().default(true),
    registryId: text('registry_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('registry_identity_one_row', sql`${t.singleton}`)],
);

export const registrySchema = {
  schemas,
  subjectVersions,
  schemaReferences,
  configs,
  modes,
  events,
  outboxPositions,
  registryIdentity,
  schemaIds,
};
