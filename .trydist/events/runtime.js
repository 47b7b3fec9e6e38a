import { sql } from 'drizzle-orm';
import { queryRows } from "../db/client.js";
import { OrderedDelivery } from "./orderedDelivery.js";
import { openRedisBus } from "./redisBus.js";
import { Relay } from "./relay.js";
import { OUTBOX_CHANNEL, readFeed, readHead, readPositions } from "./store.js";
/** A live gap wider than this is not replayed into the caches: they are reset instead. */
const RESET_THRESHOLD = 10_000;
/**
 * The real runtime: outbox relay + Redis Pub/Sub when `redisUrl` is set, the in-process bus otherwise.
 * Local listeners get every event in seq order whichever way it arrives (own relay, Redis, feed poll).
 */
export function createEventsRuntime(options) {
    const { db, logger } = options;
    const listeners = new Set();
    const resetListeners = new Set();
    const shutdown = new AbortController();
    let bus;
    let pollTimer;
    let polling = false;
    const delivery = new OrderedDelivery({
        position: 0,
        readAfter: (after) => readFeed(db, { after, limit: 1_000 }),
        deliver: (event) => {
            for (const listener of listeners) {
                try {
                    listener(event);
                }
                catch (error) {
                    logger.error('event listener failed', { seq: event.seq, error: String(error) });
                }
            }
        },
        reset: (target) => {
            logger.warn('missed too many events to replay; resetting caches', { seq: target });
            for (const listener of resetListeners)
                listener();
            return target - 1;
        },
        resetThreshold: RESET_THRESHOLD,
        onError: (error) => logger.warn('event catch-up from the feed failed; retrying', { error: String(error) }),
    });
    const solo = options.soloSession?.();
    // Embedded, the relay shares PGlite's one session, and no other process can open the database.
    const session = solo === undefined
        ? { rows: (text) => queryRows(db, sql.raw(text)), generation: 0, dedicated: false }
        : {
            rows: async (text) => (await solo.text(text)),
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
            if (options.redisUrl === undefined)
                return;
            if (bus === undefined)
                throw new Error('the Redis bus is not open yet');
            await bus.publish(events);
        },
        onClaimed: (events) => events.forEach((event) => delivery.offer(event)),
    });
    const poll = async () => {
        if (polling)
            return;
        polling = true;
        try {
            const positions = await readPositions(db);
            relay.checkPositions(positions);
            if (positions.head > delivery.position)
                delivery.catchUp();
        }
        catch (error) {
            logger.debug('outbox poll failed', { error: String(error) });
        }
        finally {
            polling = false;
        }
    };
    return {
        busKind: options.redisUrl === undefined ? 'in-process' : 'redis',
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
