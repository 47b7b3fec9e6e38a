import type { Database, SoloSession } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { publishPending, publishPendingOnSession } from './store.ts';
import type { RegistryEvent } from './types.ts';

const BATCH = 1_000;
/** When another instance holds the publisher lock, look again soon: its last batch may predate our rows. */
const BUSY_RETRY_MS = 20;
const MAX_BACKOFF_MS = 2_000;

/**
 * The outbox relay: publishes committed events in feed order (they took their positions when written) and
 * advances the `published` cursor past them; publishing retries with exponential backoff, and the feed
 * never waits for it. Wake-ups coalesce: any number of `wake()` calls during a cycle cause one more cycle.
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
      /** PostgreSQL: the relay's own connection, on which a whole cycle takes two round trips. */
      session?: SoloSession | undefined;
      logger: Logger;
      publish(events: RegistryEvent[]): Promise<void>;
      /** Committed events this instance is about to publish, in seq order (for local delivery). */
      onClaimed(events: RegistryEvent[]): void;
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
      const wait = this.publishRetryAt - Date.now();
      if (wait > 0) return this.wakeIn(wait);
      this.wanted = false;
      await this.publish();
    }
  }

  /**
   * Publishes the backlog in batches. On PostgreSQL a batch takes two round trips on the relay's own
   * connection; this runs after every registration, so they count.
   */
  private async publish(): Promise<void> {
    const { db, session } = this.options;
    const publish = async (events: RegistryEvent[]) => {
      this.options.onClaimed(events);
      await this.options.publish(events);
    };
    try {
      for (;;) {
        const { busy, events } =
          session !== undefined
            ? await publishPendingOnSession(session, BATCH, publish)
            : await publishPending(db, BATCH, publish);
        if (busy) return this.wakeIn(BUSY_RETRY_MS);
        this.published(events.length);
        if (events.length < BATCH || this.closed) return;
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
