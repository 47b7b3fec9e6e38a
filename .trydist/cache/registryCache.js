import { Lru } from "./lru.js";
const DEFAULT_CAPACITY = 10_000;
/**
 * In-memory caches of immutable schemas, kept coherent by change events. An id's content never changes,
 * but a permanent delete can make the id unreadable, so those events drop entries.
 */
export class RegistryCache {
    schemas;
    comparables;
    subjects;
    constructor(capacity = DEFAULT_CAPACITY) {
        this.schemas = new Lru(capacity);
        this.comparables = new Lru(capacity);
        this.subjects = new Lru(capacity);
    }
    schemaById(id) {
        return this.schemas.get(id);
    }
    /** Caches a readable schema; returns the entry with its pre-serialised by-id body. */
    rememberSchema(record) {
        const body = JSON.stringify(schemaStringOf(record));
        const entry = { record, body, bytes: Buffer.from(body) };
        this.schemas.set(record.id, entry);
        return entry;
    }
    /** The parsed form used by compatibility checks and reference resolution (parsed once per id). */
    comparableById(id) {
        return this.comparables.get(id);
    }
    rememberComparable(id, schema) {
        this.comparables.set(id, schema);
    }
    /**
     * The subject's state as this instance last saw it under the subject's lock: a guess that the
     * registration fast path checks in the database before relying on it, so it is never wrong, only stale.
     */
    subjectState(subject) {
        return this.subjects.get(subject);
    }
    rememberSubjectState(subject, state) {
        this.subjects.set(subject, state);
    }
    /** Forgets what a permanent delete may have made unreadable. */
    forgetSchema(id) {
        this.schemas.delete(id);
        this.comparables.delete(id);
    }
    /** Drops everything: used when the event stream had a gap that cannot be filled. */
    reset() {
        this.schemas.clear();
        this.comparables.clear();
        this.subjects.clear();
    }
    /** Applies a published change event (from this or any other instance). */
    onEvent(event) {
        if (event.event_type === 'version.deleted' && event.data['permanent'] === true) {
            const id = event.data['id'];
            if (typeof id === 'number')
                this.forgetSchema(id);
            else
                this.reset();
        }
        else if (event.event_type === 'subject.deleted' && event.data['permanent'] === true) {
            // The event names versions, not ids; permanent subject deletes are rare, so start afresh.
            this.reset();
        }
    }
}
/** Confluent's SchemaString view: `schemaType` present for every non-AVRO type, empty fields omitted. */
export function schemaStringOf(record) {
    return {
        schema: record.schema,
        ...(record.schemaType === 'AVRO' ? {} : { schemaType: record.schemaType }),
        ...(record.references.length > 0 ? { references: record.references } : {}),
        ...(record.metadata !== null ? { metadata: record.metadata } : {}),
        ...(record.ruleSet !== null ? { ruleSet: record.ruleSet } : {}),
    };
}
