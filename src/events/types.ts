/** Event types; each is documented in asyncapi.yaml. */
export type EventType =
  'schema.registered' | 'version.deleted' | 'subject.deleted' | 'config.changed' | 'mode.changed';

/** The published envelope (design.md §5), identical on Redis, in the feed and on SSE. */
export interface RegistryEvent {
  event_type: EventType;
  version: 'v1';
  seq: number;
  occurred_at: string;
  /** The registry that wrote it (migration 0002's identity), so subscribers can tell registries apart. */
  registry_id: string;
  data: Record<string, unknown>;
}
