import { sql } from 'drizzle-orm';
import { queryRows, type Database, type DatabaseHandle } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { eventsChannel } from '../client/events.ts';
import { OrderedDelivery } from '../client/orderedDelivery.ts';
import { openRedisBus, type RedisBus } from './redisBus.ts';
import { Relay } from './relay.ts';
import { OUTBOX_CHANNEL, readFeed, readHead, readPositions, type RelaySession } from './store.ts';
import type { RegistryEvent } from './types.ts';

/** The change-broadcast machinery as the rest of the app sees it (relay, bus, local subscribers). */
export interface EventsRuntime {
  readonly busKind: 'redis' | 'in-process';
  /** The Redis channel carrying every event of this registry (undefined with the in-process bus). */
  readonly eventsChannel: string | undefined;
  /** Redis: whether it is reachable now (undefined with the in-process bus). */
  busStatus(): 'ok' | 'down' | undefined;
  /**
   * Services call this after a transaction that wrote events has committed: wakes the relay at once. A
   * writer that read its event rows back passes them, so the relay can publish them without a read.
   */
  committed(events?: readonly RegistryEvent[]): void;
  /** Committed events not yet published. */
  outboxLag(): Promise<number>;
  /** Local delivery of every published event (any instance's), in seq order; returns an unsubscribe. */
  subscribe(listener: (event: RegistryEvent) => void): () => void;
  /** Called when this instance cannot tell which events it missed: drop every derived cache. */
  onReset(listener: () => void): () => void;
  /** Aborted when shutdown starts, so long-lived readers (SSE streams) end and let the server close. */
  readonly shutdownSignal: AbortSignal;
  /** Ends long-lived readers now (called before the HTTP server closes). */
  endStreams(): void;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A live gap wider than this is not replayed into the caches: they are reset instead. */
const RESET_THRESHOLD = 10_000;

/**
 * The real runtime: outbox relay + Redis Pub/Sub when `redisUrl` is set, the in-process bus otherwise.
 * Local listeners get every event in seq order whichever way it arrives (own relay, Redis, feed poll).
 */
export function createEventsRuntime(options: {
  db: Database;
  /** PostgreSQL: a dedicated connection for the relay (see DatabaseHandle.soloSession). */
  soloSession?: DatabaseHandle['soloSession'];
  /** PostgreSQL: LISTEN, so other instances can nudge this one's relay (see DatabaseHandle.listen). */
  listen?: DatabaseHandle['listen'];
  redisUrl: string | undefined;
  /** The Redis channels' prefix (see config's REDIS_CHANNEL_PREFIX). */
  channelPrefix: string;
  /** This registry's id: the Redis subscriber ignores other registries' events. */
  registryId: string;
  logger: Logger;
  /** How often the outbox and the feed are checked for work nobody announced (default 250 ms). */
  pollIntervalMs?: number;
}): EventsRuntime {
  const { db, logger } = options;
  const listeners = new Set<(event: RegistryEvent) => void>();
  const resetListeners = new Set<() => void>();
  const shutdown = new AbortController();
  let bus: RedisBus | undefined;
  let pollTimer: NodeJS.Timeout | undefined;
  let polling = false;

  const delivery = new OrderedDelivery<RegistryEvent>({
    position: 0,
    readAfter: (after) => readFeed(db, { after, limit: 1_000 }),
    deliver: (event) => {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          logger.error('event listener failed', { seq: event.seq, error: String(error) });
        }
      }
    },
    reset: (target) => {
      logger.warn('missed too many events to replay; resetting caches', { seq: target });
      for (const listener of resetListeners) listener();
      return target - 1;
    },
    resetThreshold: RESET_THRESHOLD,
    onError: (error) =>
      logger.warn('event catch-up from the feed failed; retrying', { error: String(error) }),
  });

  const solo = options.soloSession?.();
  // Embedded, the relay shares PGlite's one session, and no other process can open the database.
  const session: RelaySession =
    solo === undefined
      ? { rows: (text) => queryRows(db, sql.raw(text)), generation: 0, dedicated: false }
      : {
          rows: async <T>(text: string) => (await solo.text(text)) as T[],
          get generation() {
            return solo.generation;
          },
          dedicated: true,
        };
  const relay = new Relay({
    session,
    nudges: solo !== undefined,
    logger,
    publish: async (events) => {
      // In-process: local delivery happens at the claim (onClaimed), so publishing only moves the cursor.
      if (options.redisUrl === undefined) return;
      if (bus === undefined) throw new Error('the Redis bus is not open yet');
      await bus.publish(events);
    },
    onClaimed: (events) => events.forEach((event) => delivery.offer(event)),
  });

  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      const positions = await readPositions(db);
      relay.checkPositions(positions);
      if (positions.head > delivery.position) delivery.catchUp();
    } catch (error) {
      logger.debug('outbox poll failed', { error: String(error) });
    } finally {
      polling = false;
    }
  };

  return {
    busKind: options.redisUrl === undefined ? 'in-process' : 'redis',
    eventsChannel: options.redisUrl === undefined ? undefined : eventsChannel(options.channelPrefix),
    busStatus: () => (options.redisUrl === undefined ? undefined : bus?.up === true ? 'ok' : 'down'),
    shutdownSignal: shutdown.signal,
    committed: (events) => (events?.length ? relay.offer(events) : relay.committed()),
    async outboxLag() {
      const { head, published } = await readPositions(db);
      return Math.max(0, head - Math.max(published, relay.publishedUpTo));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onReset(listener) {
      resetListeners.add(listener);
      return () => resetListeners.delete(listener);
    },
    endStreams: () => shutdown.abort(),
    async start() {
      // Caches start empty, so local delivery starts at the head: nothing earlier needs replaying.
      const head = await readHead(db);
      delivery.skipTo(head);
      if (options.redisUrl !== undefined) {
        bus = await openRedisBus({
          url: options.redisUrl,
          channelPrefix: options.channelPrefix,
          registryId: options.registryId,
          logger,
          onEvent: (event) => delivery.offer(event),
          onReady: () => {
            delivery.catchUp();
            relay.retryPublishingNow();
          },
        });
      }
      await options.listen?.(OUTBOX_CHANNEL, () => relay.nudged());
      relay.wake();
      pollTimer = setInterval(() => void poll(), options.pollIntervalMs ?? 250);
      pollTimer.unref();
    },
    async close() {
      shutdown.abort();
      clearInterval(pollTimer);
      await relay.close();
      delivery.close();
      await delivery.idle();
      await bus?.close();
    },
  };
}
