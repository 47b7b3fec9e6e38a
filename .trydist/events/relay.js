import { claimAfter, persistPublished, takePublisherRole } from "./store.js";
const BATCH = 1_000;
const MAX_BACKOFF_MS = 2_000;
/**
 * The publisher stores its cursor at most this often. The cursor only tells the next publisher (after a
 * failover or a restart) where to start: a lost advance means repeats, which consumers dedupe by seq.
 */
const PERSIST_DELAY_MS = 100;
/**
 * The outbox relay: publishes committed events in feed order (they took their positions when written).
 *
 * One relay session across all instances holds the publisher role (a session-scoped advisory lock), so
 * its cursor in memory is authoritative: an event this instance wrote and offers right after its commit
 * is published at once, without reading it back, when it is the next one after the cursor. Anything else
 * — a gap, events written by other instances or by paths that do not offer them — is read from the outbox
 * behind the cursor. The cursor is stored lazily (with the next read or after `PERSIST_DELAY_MS`).
 *
 * A relay without the role leaves publishing to the holder and nudges it (NOTIFY) when this instance
 * committed events; the poll (see `checkPositions`) takes the role over when the holder is gone.
 * Publishing retries with exponential backoff; the feed never waits for it.
 */
export class Relay {
    options;
    /** Read the outbox behind the cursor: something committed that was not offered, or the offers have a gap. */
    wanted = false;
    /** This instance committed events: if another session holds the role, tell it. */
    nudge = false;
    /** Committed events this instance wrote, by seq, until published. */
    offered = new Map();
    /** The session generation under which this relay took the role. */
    role;
    /** The last published position (authoritative while this relay holds the role). */
    cursor = 0;
    /** The last position known stored as `published`. */
    persisted = 0;
    running;
    timer;
    persistTimer;
    publishFailures = 0;
    publishRetryAt = 0;
    closed = false;
    constructor(options) {
        this.options = options;
    }
    /** Events this instance's transaction wrote, after it committed. */
    offer(events) {
        if (this.closed)
            return;
        for (const event of events)
            this.offered.set(event.seq, event);
        this.nudge = true;
        this.kick();
    }
    /** This instance committed events without offering them. */
    committed() {
        this.nudge = true;
        this.wake();
    }
    /** Read the outbox now (at start, after a reconnect, when the poll saw work). */
    wake() {
        if (this.closed)
            return;
        this.wanted = true;
        this.kick();
    }
    /** Another instance committed events (its NOTIFY): only the role's holder acts on it. */
    nudged() {
        if (this.holdsRole())
            this.wake();
    }
    /** The poll's look at the outbox: is there work for the holder, or a role to take over? */
    checkPositions(positions) {
        if (this.holdsRole()) {
            if (positions.head > this.cursor)
                this.wake();
            this.schedulePersist();
        }
        else if (positions.head > positions.published) {
            this.wake();
        }
    }
    /** How far this instance knows publishing got (0 unless it holds the role). */
    get publishedUpTo() {
        return this.holdsRole() ? this.cursor : 0;
    }
    /** The bus is back: publish the backlog now instead of waiting out the backoff. */
    retryPublishingNow() {
        this.publishFailures = 0;
        this.publishRetryAt = 0;
        this.wake();
    }
    async close() {
        this.closed = true;
        clearTimeout(this.timer);
        clearTimeout(this.persistTimer);
        await this.running;
        // The next publisher starts where this one stopped.
        await this.persist();
    }
    holdsRole() {
        return this.role !== undefined && this.role === this.options.session.generation;
    }
    /**
     * Starts a run unless one is going. It begins on the next turn of the event loop: the writer that woke
     * the relay answers its request first (the response's bytes leave before the relay's work begins).
     */
    kick() {
        this.running ??= new Promise((resolve) => setImmediate(resolve))
            .then(() => this.run())
            .finally(() => {
            this.running = undefined;
        });
    }
    async run() {
        while ((this.wanted || this.offered.size > 0) && !this.closed) {
            const wait = this.publishRetryAt - Date.now();
            if (wait > 0)
                return this.wakeIn(wait);
            try {
                if (!(await this.takeRole())) {
                    // The holder publishes everything, this instance's events included.
                    this.offered.clear();
                    this.wanted = false;
                    return;
                }
                await this.publishNext();
            }
            catch (error) {
                this.publishFailed(error);
            }
        }
    }
    /** Holds the role, or takes it when it is free; false when another session holds it. */
    async takeRole() {
        if (this.holdsRole())
            return true;
        const { session } = this.options;
        const generation = session.generation;
        const nudge = this.nudge && this.options.nudges;
        this.nudge = false;
        const { held, published } = await takePublisherRole(session, nudge);
        // A session replaced meanwhile may not hold the lock: take it again next time.
        if (!held || session.generation !== generation)
            return false;
        this.role = generation;
        // Everything up to the stored cursor, and up to this relay's own cursor, has been published.
        this.cursor = Math.max(this.cursor, published);
        this.persisted = published;
        return true;
    }
    /** Publishes the offered events that come next, or else reads a batch behind the cursor. */
    async publishNext() {
        for (const seq of this.offered.keys())
            if (seq <= this.cursor)
                this.offered.delete(seq);
        const next = [];
        for (let event = this.offered.get(this.cursor + 1); event !== undefined;) {
            next.push(event);
            this.offered.delete(event.seq);
            event = this.offered.get(event.seq + 1);
        }
        if (next.length > 0)
            return this.deliver(next);
        // Positions follow commit order: an offered event beyond a gap means the gap's events are committed.
        if (this.offered.size > 0)
            this.wanted = true;
        if (!this.wanted)
            return;
        this.wanted = false;
        const persist = this.cursor > this.persisted ? this.cursor : undefined;
        const events = await claimAfter(this.options.session, this.cursor, BATCH, persist);
        if (persist !== undefined)
            this.persisted = Math.max(this.persisted, persist);
        if (events.length === BATCH)
            this.wanted = true;
        if (events.length > 0)
            await this.deliver(events);
    }
    async deliver(events) {
        this.options.onClaimed(events);
        await this.options.publish(events);
        this.cursor = Math.max(this.cursor, events.at(-1)?.seq ?? 0);
        if (this.publishFailures > 0)
            this.options.logger.info('outbox published again', { count: events.length });
        this.publishFailures = 0;
        this.schedulePersist();
    }
    schedulePersist() {
        if (this.persistTimer !== undefined || this.cursor <= this.persisted || this.closed)
            return;
        this.persistTimer = setTimeout(() => {
            this.persistTimer = undefined;
            void this.persist();
        }, PERSIST_DELAY_MS);
        this.persistTimer.unref();
    }
    async persist() {
        if (!this.holdsRole() || this.cursor <= this.persisted)
            return;
        const seq = this.cursor;
        try {
            await persistPublished(this.options.session, seq);
            this.persisted = Math.max(this.persisted, seq);
        }
        catch (error) {
            // The next read behind the cursor, or the poll, stores it.
            this.options.logger.debug('could not store the published position', { error: String(error) });
        }
    }
    /** Backs off exponentially; the events stay in the outbox and are read from there again. */
    publishFailed(error) {
        this.offered.clear();
        this.wanted = true;
        const delay = Math.min(50 * 2 ** this.publishFailures, MAX_BACKOFF_MS);
        if (this.publishFailures === 0) {
            this.options.logger.warn('could not publish events; retrying with backoff', { error: String(error) });
        }
        this.publishFailures += 1;
        this.publishRetryAt = Date.now() + delay;
    }
    wakeIn(ms) {
        if (this.closed || this.timer !== undefined)
            return;
        this.timer = setTimeout(() => {
            this.timer = undefined;
            this.wake();
        }, ms);
        this.timer.unref();
    }
}
