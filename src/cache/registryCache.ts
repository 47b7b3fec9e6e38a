import type { ComparableSchema } from '../domain/compatibility/index.ts';
import type { SchemaRecord } from '../db/repositories/schemas.ts';
import type { RegistryEvent } from '../events/types.ts';
import { Lru } from './lru.ts';

export interface CachedSchema {
  record: SchemaRecord;
  /** The `GET /schemas/ids/{id}` body, serialised once so the hot path only writes bytes. */
  body: string;
  /** The same body encoded as UTF-8, for the server's by-id fast path (src/http/server.ts). */
  bytes: Buffer;
}

const DEFAULT_CAPACITY = 10_000;

/**
 * In-memory caches of immutable schemas, kept coherent by change events. An id's content never changes,
 * but a permanent delete can make the id unreadable, so those events drop entries.
 */
export class RegistryCache {
  private readonly schemas: Lru<number, CachedSchema>;
  private readonly comparables: Lru<number, ComparableSchema>;

  constructor(capacity = DEFAULT_CAPACITY) {
    this.schemas = new Lru(capacity);
    this.comparables = new Lru(capacity);
  }

  schemaById(id: number): CachedSchema | undefined {
    return this.schemas.get(id);
  }

  /** Caches a readable schema; returns the entry with its pre-serialised by-id body. */
  rememberSchema(record: SchemaRecord): CachedSchema {
    const body = JSON.stringify(schemaStringOf(record));
    const entry = { record, body, bytes: Buffer.from(body) };
    this.schemas.set(record.id, entry);
    return entry;
  }

  /** The parsed form used by compatibility checks and reference resolution (parsed once per id). */
  comparableById(id: number): ComparableSchema | undefined {
    return this.comparables.get(id);
  }

  rememberComparable(id: number, schema: ComparableSchema): void {
    this.comparables.set(id, schema);
  }

  /** Forgets what a permanent delete may have made unreadable. */
  forgetSchema(id: number): void {
    this.schemas.delete(id);
    this.comparables.delete(id);
  }

  /** Drops everything: used when the event stream had a gap that cannot be filled. */
  reset(): void {
    this.schemas.clear();
    this.comparables.clear();
  }

  /** Applies a published change event (from this or any other instance). */
  onEvent(event: RegistryEvent): void {
    if (event.event_type === 'version.deleted' && event.data['permanent'] === true) {
      const id = event.data['id'];
      if (typeof id === 'number') this.forgetSchema(id);
      else this.reset();
    } else if (event.event_type === 'subject.deleted' && event.data['permanent'] === true) {
      // The event names versions, not ids; permanent subject deletes are rare, so start afresh.
      this.reset();
    }
  }
}

/** Confluent's SchemaString view: `schemaType` present for every non-AVRO type, empty fields omitted. */
export function schemaStringOf(record: SchemaRecord): Record<string, unknown> {
  return {
    schema: record.schema,
    ...(record.schemaType === 'AVRO' ? {} : { schemaType: record.schemaType }),
    ...(record.references.length > 0 ? { references: record.references } : {}),
    ...(record.metadata !== null ? { metadata: record.metadata } : {}),
    ...(record.ruleSet !== null ? { ruleSet: record.ruleSet } : {}),
  };
}
