import { LRUCache } from 'lru-cache';
import type { ComparableSchema } from '../domain/compatibility/index.ts';
import type { SchemaRecord } from '../db/repositories/schemas.ts';
import type { RegistryEvent } from '../events/types.ts';

export interface CachedSchema {
  record: SchemaRecord;
  /** The `GET /schemas/ids/{id}` body, serialised once so the hot path only writes bytes. */
  body: string;
  /** The same body encoded as UTF-8, for the server's by-id fast path (src/http/server.ts). */
  bytes: Buffer;
}

/** CACHE_MAX_BYTES's default: 64 MiB. */
export const DEFAULT_CACHE_MAX_BYTES = 64 * 1024 * 1024;
/** What an entry costs beyond its text: the record, map slots and object headers. */
const ENTRY_OVERHEAD = 256;
/**
 * Heap bytes per byte of schema text for a parsed schema: the document (about 1.2), plus the normal form
 * the compatibility engine keeps beside it while the parsed schema lives. An estimate, set so that the
 * process's memory stays in proportion to CACHE_MAX_BYTES (README: RSS at 10,000 schemas).
 */
const PARSED_BYTES_PER_TEXT_BYTE = 6;

/**
 * In-memory caches of immutable schemas, kept coherent by change events, bounded in (estimated) bytes: the
 * by-id bodies and the parsed forms get half of `maxBytes` each. An id's content never changes, but a
 * permanent delete can make the id unreadable, so those events drop entries.
 */
export class RegistryCache {
  private readonly schemas: LRUCache<number, CachedSchema>;
  private readonly comparables: LRUCache<number, { schema: ComparableSchema; size: number }>;

  constructor(maxBytes = DEFAULT_CACHE_MAX_BYTES) {
    const half = Math.max(1, Math.floor(maxBytes / 2));
    this.schemas = new LRUCache({
      maxSize: half,
      sizeCalculation: (entry) =>
        entry.record.schema.length + entry.body.length + entry.bytes.byteLength + ENTRY_OVERHEAD,
    });
    this.comparables = new LRUCache({ maxSize: half, sizeCalculation: (entry) => entry.size });
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
    return this.comparables.get(id)?.schema;
  }

  /** Caches a parsed schema; `textLength` is the length of the text it was parsed from (its size's measure). */
  rememberComparable(id: number, schema: ComparableSchema, textLength: number): void {
    const size = Math.ceil(textLength * PARSED_BYTES_PER_TEXT_BYTE) + ENTRY_OVERHEAD;
    this.comparables.set(id, { schema, size });
  }

  /** Estimated bytes held, for tests and benchmarks. */
  get heldBytes(): number {
    return this.schemas.calculatedSize + this.comparables.calculatedSize;
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
