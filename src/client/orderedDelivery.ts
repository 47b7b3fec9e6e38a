/**
 * Gapless, in-order delivery of feed events from an unreliable live source (Redis Pub/Sub, SSE, the relay),
 * with the durable feed as the source of truth. Pure: the feed read, the delivery and the reset are passed
 * in, so the registry (reading PostgreSQL) and the consumer SDK (reading `GET /events`) share it.
 */
export interface OrderedDeliveryOptions<E extends { seq: number }> {
  /** The last position already delivered (or reflected by the caller's state). */
  position: number;
  /** Events after a position (maybe filtered); `next` is how far the read got, `more` whether to read on. */
  readAfter(after: number): Promise<{ events: E[]; next: number; more: boolean }>;
  /** Called once per event, in seq order. Throwing stops delivery; it resumes from the feed after a delay. */
  deliver(event: E): void | Promise<void>;
  /**
   * Called when a live event reveals a gap wider than `resetThreshold`, or a gap the feed cannot fill: the
   * caller drops what it derived from earlier events and returns the position its state now reflects.
   */
  reset?(target: number): number | Promise<number>;
  resetThreshold?: number;
  /** Live events held while delivery is busy; beyond this they are dropped and re-read from the feed. */
  maxQueue?: number;
  onError?(error: unknown): void;
  /** First retry delay after a failed read or delivery (doubles up to 2 s). */
  retryDelayMs?: number;
}

export class OrderedDelivery<E extends { seq: number }> {
  private current: number;
  private readonly queue: E[] = [];
  private catchUpWanted = false;
  private running: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private closed = false;

  constructor(private readonly options: OrderedDeliveryOptions<E>) {
    this.current = options.position;
  }

  /** The last delivered position. */
  get position(): number {
    return this.current;
  }

  /** A live event: delivered at once when it is the next one, else the gap is filled from the feed first. */
  offer(event: E): void {
    if (this.closed || event.seq <= this.current) return;
    if (this.queue.length >= (this.options.maxQueue ?? 10_000)) {
      // A slow deliverer must not hold unbounded memory: the feed has everything we drop.
      this.queue.length = 0;
      this.catchUpWanted = true;
    } else {
      this.queue.push(event);
    }
    this.kick();
  }

  /** Reads the feed after the current position now (on a timer, after a reconnect, at start). */
  catchUp(): void {
    if (this.closed) return;
    this.catchUpWanted = true;
    this.kick();
  }

  /** Moves forward without delivering: the caller's state already reflects everything up to `position`. */
  skipTo(position: number): void {
    this.current = Math.max(this.current, position);
  }

  /** Resolves when nothing is queued or running (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  close(): void {
    this.closed = true;
    this.queue.length = 0;
    clearTimeout(this.retryTimer);
  }

  private kick(): void {
    if (this.running !== undefined || this.retryTimer !== undefined) return;
    this.running = this.drain()
      .catch((error: unknown) => this.failed(error))
      .finally(() => {
        this.running = undefined;
        if (!this.closed && this.retryTimer === undefined && (this.catchUpWanted || this.queue.length > 0)) {
          this.kick();
        }
      });
  }

  private failed(error: unknown): void {
    if (this.closed) return;
    this.options.onError?.(error);
    this.catchUpWanted = true;
    const delay = Math.min((this.options.retryDelayMs ?? 50) * 2 ** this.failures, 2_000);
    this.failures += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.kick();
    }, delay);
    this.retryTimer.unref?.();
  }

  private async drain(): Promise<void> {
    while (!this.closed) {
      if (this.catchUpWanted) {
        this.catchUpWanted = false;
        await this.readFeed();
        continue;
      }
      const event = this.queue.shift();
      if (event === undefined) return;
      if (event.seq <= this.current) continue;
      if (event.seq > this.current + 1) {
        const threshold = this.options.resetThreshold ?? Number.POSITIVE_INFINITY;
        if (this.options.reset !== undefined && event.seq - this.current > threshold) {
          this.current = await this.options.reset(event.seq);
        } else {
          await this.readFeed();
        }
        if (event.seq <= this.current) continue;
        if (event.seq > this.current + 1) {
          // The feed does not show the missing positions yet (e.g. a lagging replica): retry from the feed.
          throw new Error(`gap before seq ${event.seq} not in the feed yet (at ${this.current})`);
        }
      }
      await this.options.deliver(event);
      this.current = event.seq;
      this.failures = 0;
    }
  }

  private async readFeed(): Promise<void> {
    for (;;) {
      const page = await this.options.readAfter(this.current);
      for (const event of page.events) {
        if (this.closed) return;
        if (event.seq <= this.current) continue;
        await this.options.deliver(event);
        this.current = event.seq;
      }
      this.current = Math.max(this.current, page.next);
      this.failures = 0;
      if (!page.more) return;
    }
  }
}
