import type { RegistryEvent } from './types.ts';

/** The change-broadcast machinery as the rest of the app sees it (relay, bus, local subscribers). */
export interface EventsRuntime {
  readonly busKind: 'redis' | 'in-process';
  /** Services call this after a transaction that wrote events has committed: wakes the relay at once. */
  committed(): void;
  /** Committed events not yet published. */
  outboxLag(): Promise<number>;
  /** Local delivery of every published event (any instance's), in seq order; returns an unsubscribe. */
  subscribe(listener: (event: RegistryEvent) => void): () => void;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Placeholder until the relay lands: events stay in the outbox. */
export function createNoopEventsRuntime(): EventsRuntime {
  return {
    busKind: 'in-process',
    committed: () => undefined,
    outboxLag: async () => 0,
    subscribe: () => () => undefined,
    start: async () => undefined,
    close: async () => undefined,
  };
}
