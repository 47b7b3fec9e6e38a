export class OrderedDelivery {
    options;
    current;
    queue = [];
    catchUpWanted = false;
    running;
    retryTimer;
    failures = 0;
    closed = false;
    constructor(options) {
        this.options = options;
        this.current = options.position;
    }
    /** The last delivered position. */
    get position() {
        return this.current;
    }
    /** A live event: delivered at once when it is the next one, else the gap is filled from the feed first. */
    offer(event) {
        if (this.closed || event.seq <= this.current)
            return;
        if (this.queue.length >= (this.options.maxQueue ?? 10_000)) {
            // A slow deliverer must not hold unbounded memory: the feed has everything we drop.
            this.queue.length = 0;
            this.catchUpWanted = true;
        }
        else {
            this.queue.push(event);
        }
        this.kick();
    }
    /** Reads the feed after the current position now (on a timer, after a reconnect, at start). */
    catchUp() {
        if (this.closed)
            return;
        this.catchUpWanted = true;
        this.kick();
    }
    /** Moves forward without delivering: the caller's state already reflects everything up to `position`. */
    skipTo(position) {
        this.current = Math.max(this.current, position);
    }
    /** Resolves when nothing is queued or running (tests and shutdown). */
    async idle() {
        while (this.running !== undefined)
            await this.running;
    }
    close() {
        this.closed = true;
        this.queue.length = 0;
        clearTimeout(this.retryTimer);
    }
    kick() {
        if (this.running !== undefined || this.retryTimer !== undefined)
            return;
        this.running = this.drain()
            .catch((error) => this.failed(error))
            .finally(() => {
            this.running = undefined;
            if (!this.closed && this.retryTimer === undefined && (this.catchUpWanted || this.queue.length > 0)) {
                this.kick();
            }
        });
    }
    failed(error) {
        if (this.closed)
            return;
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
    async drain() {
        while (!this.closed) {
            if (this.catchUpWanted) {
                this.catchUpWanted = false;
                await this.readFeed();
                continue;
            }
            const event = this.queue.shift();
            if (event === undefined)
                return;
            if (event.seq <= this.current)
                continue;
            if (event.seq > this.current + 1) {
                const threshold = this.options.resetThreshold ?? Number.POSITIVE_INFINITY;
                if (this.options.reset !== undefined && event.seq - this.current > threshold) {
                    this.current = await this.options.reset(event.seq);
                }
                else {
                    await this.readFeed();
                }
                if (event.seq <= this.current)
                    continue;
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
    async readFeed() {
        for (;;) {
            const page = await this.options.readAfter(this.current);
            for (const event of page.events) {
                if (this.closed)
                    return;
                if (event.seq <= this.current)
                    continue;
                await this.options.deliver(event);
                this.current = event.seq;
            }
            this.current = Math.max(this.current, page.next);
            this.failures = 0;
            if (!page.more)
                return;
        }
    }
}
