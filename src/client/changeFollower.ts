import { OrderedDelivery } from './orderedDelivery.ts';
import type { components } from '../generated/openapi.ts';
import { ForeignEvents, type ChangeEvent } from './events.ts';
import { RegistryClientError, type RegistryHttp } from './http.ts';
import { openRedisSource, openSseSource, type LiveSource } from './liveSources.ts';

type EventPage = components['schemas']['EventPage'];

const FEED_PAGE = 1_000;
/** Beyond this many missed events, reloading the contracts beats replaying the feed. */
const RESET_THRESHOLD = 5_000;

/**
 * Follows the registry's changes from a feed position: live over Redis or SSE, every event exactly once
 * and in seq order — duplicates dropped, gaps (a seq jump) filled from `GET /events`, and a periodic feed
 * read in case the last message of a burst was lost.
 */
export class ChangeFollower {
  private readonly delivery: OrderedDelivery<ChangeEvent>;
  private source: LiveSource | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly http: RegistryHttp,
    private readonly options: {
      position: number;
      /** Redis to follow, and the registry's events channel on it; SSE when undefined. */
      redis: { url: string; channel: string } | undefined;
      /** The registry's id (from `POST /contracts`); undefined for a registry that sends none. */
      registryId: string | undefined;
      pollIntervalMs: number;
      /** Applies one event; throwing makes the follower retry it from the feed later. */
      apply(event: ChangeEvent): Promise<void>;
      /** Reloads everything after a gap too wide to replay; returns the position the state now reflects. */
      reload(): Promise<number>;
      onError(error: unknown): void;
    },
  ) {
    this.delivery = new OrderedDelivery<ChangeEvent>({
      position: options.position,
      readAfter: async (after) => {
        const page = await http.get<EventPage>(`/events?after=${after}&limit=${FEED_PAGE}`);
        return {
          events: page.events.map((event) => ({ ...event, data: event.data as Record<string, unknown> })),
          next: page.next,
          more: page.events.length >= FEED_PAGE,
        };
      },
      deliver: (event) => options.apply(event),
      reset: () => options.reload(),
      resetThreshold: RESET_THRESHOLD,
      onError: options.onError,
    });
  }

  get position(): number {
    return this.delivery.position;
  }

  async start(): Promise<void> {
    const delivery = this.delivery;
    const { redis, registryId } = this.options;
    // Another registry's events (a channel shared through one REDIS_CHANNEL_PREFIX) number their own feed:
    // taking them would skip this registry's. They are ignored, and reported once per registry.
    const foreign = new ForeignEvents(
      () => registryId,
      (id) =>
        this.options.onError(
          new RegistryClientError(
            `ignoring events of registry ${id} on ${redis?.channel ?? 'the event stream'} ` +
              `(this registry is ${registryId ?? 'unknown'}); give each registry its own REDIS_CHANNEL_PREFIX`,
          ),
        ),
    );
    const handlers = {
      onEvent: (event: ChangeEvent) => {
        if (!foreign.isForeign(event)) delivery.offer(event);
      },
      onReady: () => delivery.catchUp(),
      onError: this.options.onError,
    };
    this.source =
      redis !== undefined
        ? await openRedisSource(redis.url, redis.channel, handlers)
        : openSseSource(this.http.url('/events/stream'), this.http.fetch, () => delivery.position, handlers);
    if (this.closed) await this.source.close();
    this.pollTimer = setInterval(() => delivery.catchUp(), this.options.pollIntervalMs);
    this.pollTimer.unref();
  }

  /** Reads the feed now; resolves once everything up to the head is applied (or a read failed). */
  async sync(): Promise<void> {
    this.delivery.catchUp();
    await this.delivery.idle();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.pollTimer);
    this.delivery.close();
    await this.source?.close();
  }
}
