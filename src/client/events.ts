/**
 * Change events as a registry publishes them (asyncapi.yaml): the envelope and the Redis channel names.
 * The SDK and the registry read them with this one module, which is why it lives with the published SDK.
 */

/** A change event: the same JSON on Redis, in the feed (`GET /events`) and on SSE. */
export interface ChangeEvent {
  event_type: string;
  version: 'v1';
  /** Position in the registry's feed: gapless, in commit order, counted per registry from 1. */
  seq: number;
  occurred_at: string;
  /** The registry that wrote it; absent only from registries older than the field. */
  registry_id?: string;
  data: Record<string, unknown>;
}

/**
 * The channel prefix when REDIS_CHANNEL_PREFIX is unset: named after the registry, so registries sharing
 * one Redis publish on channels of their own.
 */
export function defaultChannelPrefix(registryId: string): string {
  return `schemata:${registryId}`;
}

/** Where registries older than the registry id published (`REDIS_CHANNEL_PREFIX=schemata` keeps it). */
export const LEGACY_EVENTS_CHANNEL = 'schemata:events';

/** Every event of a registry is published on `<prefix>:events`. */
export function eventsChannel(prefix: string): string {
  return `${prefix}:events`;
}

/** An event about a subject is also published on `<prefix>:events:<subject>`. */
export function subjectChannel(prefix: string, subject: string): string {
  return `${eventsChannel(prefix)}:${subject}`;
}

/** The subject an event concerns (`data.subject`), or null for a global change. */
export function subjectOf(event: { data: Record<string, unknown> }): string | null {
  const subject = event.data['subject'];
  return typeof subject === 'string' ? subject : null;
}

/**
 * Reads a published envelope back from its JSON text; `undefined` when it is not one (a foreign or
 * corrupt message on the channel must be ignored, never crash a subscriber).
 */
export function parseEnvelope(text: string): ChangeEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (
    typeof v['event_type'] !== 'string' ||
    v['version'] !== 'v1' ||
    typeof v['seq'] !== 'number' ||
    !Number.isSafeInteger(v['seq']) ||
    v['seq'] < 1 ||
    typeof v['occurred_at'] !== 'string' ||
    (v['registry_id'] !== undefined && typeof v['registry_id'] !== 'string') ||
    typeof v['data'] !== 'object' ||
    v['data'] === null ||
    Array.isArray(v['data'])
  ) {
    return undefined;
  }
  const event: ChangeEvent = {
    event_type: v['event_type'],
    version: 'v1',
    seq: v['seq'],
    occurred_at: v['occurred_at'],
    data: v['data'] as Record<string, unknown>,
  };
  if (typeof v['registry_id'] === 'string') event.registry_id = v['registry_id'];
  return event;
}

/**
 * Tells a registry's own events from another registry's on a shared channel, and reports each foreign
 * registry once. Events without a registry id (older registries) are taken as the registry's own.
 */
export class ForeignEvents {
  private readonly reported = new Set<string>();

  /** `registryId` undefined: not known (an older registry), so nothing is foreign. */
  constructor(
    private readonly registryId: () => string | undefined,
    private readonly report: (foreignId: string) => void,
  ) {}

  /** Whether the event is another registry's (it is then to be ignored). */
  isForeign(event: Pick<ChangeEvent, 'registry_id'>): boolean {
    const own = this.registryId();
    if (own === undefined || event.registry_id === undefined || event.registry_id === own) return false;
    // Bounded: a channel flooded with made-up ids must not grow this set without end.
    if (!this.reported.has(event.registry_id) && this.reported.size < 100) {
      this.reported.add(event.registry_id);
      this.report(event.registry_id);
    }
    return true;
  }
}
