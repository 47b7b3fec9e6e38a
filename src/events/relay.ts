import type { Database, SoloSession } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { endClaim, publishPending, sequenceAndClaim, sequencePending } from './store.ts';
import type { RegistryEvent } from './types.ts';

const BATCH = 1_000;
/** When another instance holds the publisher lock, look again soon: its last batch may predate our rows. */
const BUSY_RETRY_MS = 20;
const MAX_BACKOFF_MS = 2_000;

/**
 * The outbox relay: sequences committed events (commit order, under a lock), then publishes them. The two
 * steps are separate so a Redis outage never stalls the feed; publishing retries with exponential backoff.
 * Wake-ups coalesce: any number of `wake()` calls during a cycle cause exactly one more cycle.
 */
export class Relay {
  private wanted = false;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private publishFailures = 0;
  private publishRetryAt = 0;
  private closed = false;

  constructor(
    private readonly options: {
      db: Database;
      driver: 'postgres' | 'embedded';
      /** PostgreSQL: the relay's own connection, on which a whole cycle takes two round trips. */
      session?: SoloSession | undefined;
      logger: Logger;
      publish(events: RegistryEvent[]): Promise<void>;
      /** Freshly sequenced events, in seq order, right after their positions commit. */
      onSequenced(events: RegistryEvent[]): void;
    },
  ) {}

  wake(): void {
    if (this.closed) return;
    this.wanted = true;
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
  }

  /** The bus is back: publish the backlog now instead of waiting out the backoff. */
  retryPublishingNow(): void {
    this.publishFailures = 0;
    this.publishRetryAt = 0;
    this.wake();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async run(): Promise<void> {
    while (this.wanted && !this.closed) {
      this.wanted = false;
      const session = this.options.session;
      if (session !== undefined && this.publishRetryAt <= Date.now()) {
        await this.cycle(session);
      } else {
        await this.sequence();
        await this.publish();
      }
    }
  }

  /**
   * PostgreSQL: sequence and claim in one round trip, publish, commit the claim in a second. This runs after
   * every registration, so its round trips count (the two-step path below takes five).
   */
  private async cycle(session: SoloSession): Promise<void> {
    for (;;) {
      const { sequenced, claim } = await sequenceAndClaim(session, BATCH);
      let more = false;
      if (sequenced.status === 'fulfilled') {
        if (sequenced.value.length > 0) this.options.onSequenced(sequenced.value);
        more = sequenced.value.length === BATCH;
      } else {
        this.options.logger.warn('could not sequence outbox events', { error: String(sequenced.reason) });
      }
      try {
        if (claim.status === 'rejected') throw claim.reason;
        const { busy, events } = claim.value;
        if (events.length > 0) await this.options.publish(events);
        await endClaim(session, true);
        if (busy) return this.wakeIn(BUSY_RETRY_MS);
        this.published(events.length);
        more ||= events.length === BATCH;
      } catch (error) {
        await endClaim(session, false).catch(() => undefined);
        return this.publishFailed(error);
      }
      if (!more || this.closed) return;
    }
  }

  private async sequence(): Promise<void> {
    try {
      for (;;) {
        const events = await sequencePending(this.options.db, BATCH, this.options.driver);
        if (events.length > 0) this.options.onSequenced(events);
        if (events.length < BATCH || this.closed) return;
      }
    } catch (error) {
      // The database is away; the poll loop wakes us again.
      this.options.logger.warn('could not sequence outbox events', { error: String(error) });
    }
  }

  private async publish(): Promise<void> {
    const wait = this.publishRetryAt - Date.now();
    if (wait > 0) return this.wakeIn(wait);
    try {
      for (;;) {
        const { busy, count } = await publishPending(this.options.db, BATCH, this.options.publish);
        if (busy) return this.wakeIn(BUSY_RETRY_MS);
        this.published(count);
        if (count < BATCH || this.closed) return;
      }
    } catch (error) {
      this.publishFailed(error);
    }
  }

  private published(count: number): void {
    if (this.publishFailures > 0) this.options.logger.info('outbox published again', { count });
    this.publishFailures = 0;
  }

  /** Backs off exponentially (the rows stay unpublished and are retried). */
  private publishFailed(error: unknown): void {
    const delay = Math.min(50 * 2 ** this.publishFailures, MAX_BACKOFF_MS);
    if (this.publishFailures === 0) {
      this.options.logger.warn('could not publish events; retrying with backoff', { error: String(error) });
    }
    this.publishFailures += 1;
    this.publishRetryAt = Date.now() + delay;
    this.wakeIn(delay);
  }

  private wakeIn(ms: number): void {
    if (this.closed || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.wake();
    }, ms);
    this.timer.unref();
  }
}
