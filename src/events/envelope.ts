import type { EventType } from './types.ts';

/** Every event type the registry writes; each is documented in asyncapi.yaml. */
export const EVENT_TYPES: readonly EventType[] = [
  'schema.registered',
  'version.deleted',
  'subject.deleted',
  'config.changed',
  'mode.changed',
];
