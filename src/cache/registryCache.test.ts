import { describe, expect, it } from 'vitest';
import type { RegistryEvent } from '../events/types.ts';
import { RegistryCache } from './registryCache.ts';

const record = (id: number) => ({
  id,
  schemaType: 'JSON',
  schema: `{"title":"s${id}"}`,
  references: [],
  metadata: null,
  ruleSet: null,
});
const comparable = (id: number) => ({
  schemaType: 'JSON',
  fingerprint: `f${id}`,
  schema: { title: `s${id}` },
  references: new Map(),
});
const event = (event_type: RegistryEvent['event_type'], data: Record<string, unknown>): RegistryEvent => ({
  event_type,
  version: 'v1',
  seq: 1,
  occurred_at: '2026-01-01T00:00:00Z',
  registry_id: 'test-registry',
  data,
});

describe('RegistryCache', () => {
  it('pre-serialises the by-id body, omitting empty fields', () => {
    const cache = new RegistryCache();
    expect(cache.rememberSchema(record(1)).body).toBe(
      '{"schema":"{\\"title\\":\\"s1\\"}","schemaType":"JSON"}',
    );
    expect(cache.schemaById(1)?.record.id).toBe(1);
  });

  it('evicts the least recently used entry beyond its capacity', () => {
    const cache = new RegistryCache(2);
    cache.rememberSchema(record(1));
    cache.rememberSchema(record(2));
    cache.schemaById(1);
    cache.rememberSchema(record(3));
    expect(cache.schemaById(2)).toBeUndefined();
    expect(cache.schemaById(1)).toBeDefined();
    expect(cache.schemaById(3)).toBeDefined();
  });

  it('drops an id on a permanent version delete, keeps it on a soft one', () => {
    const cache = new RegistryCache();
    cache.rememberSchema(record(1));
    cache.rememberComparable(1, comparable(1));
    cache.onEvent(event('version.deleted', { subject: 's', version: 1, id: 1, permanent: false }));
    expect(cache.schemaById(1)).toBeDefined();
    cache.onEvent(event('version.deleted', { subject: 's', version: 1, id: 1, permanent: true }));
    expect(cache.schemaById(1)).toBeUndefined();
    expect(cache.comparableById(1)).toBeUndefined();
  });

  it('starts afresh on a permanent subject delete and ignores unrelated events', () => {
    const cache = new RegistryCache();
    cache.rememberSchema(record(1));
    cache.onEvent(event('schema.registered', { subject: 's', version: 2, id: 2, schemaType: 'JSON' }));
    cache.onEvent(event('config.changed', { subject: 's', config: null }));
    cache.onEvent(event('subject.deleted', { subject: 's', versions: [1], permanent: false }));
    expect(cache.schemaById(1)).toBeDefined();
    cache.onEvent(event('subject.deleted', { subject: 's', versions: [1], permanent: true }));
    expect(cache.schemaById(1)).toBeUndefined();
  });
});
