import { Redis } from 'ioredis';
import { EVENTS_CHANNEL, parseEnvelope, subjectChannel, subjectOf } from "./envelope.js";
/** Reconnect delays: quick at first, then every 2 s while Redis stays away. */
const reconnectDelay = (times) => Math.min(50 * 2 ** Math.min(times, 6), 2_000);
/**
 * Two connections to Redis: one publishes (failing fast while Redis is down so the outbox keeps the
 * events), one subscribes to every instance's events. Neither ever throws into the process: errors are
 * logged once per outage and the connections retry on their own.
 */
export async function openRedisBus(options) {
    const { logger } = options;
    const common = { lazyConnect: true, retryStrategy: reconnectDelay, connectTimeout: 2_000 };
    const publisher = new Redis(options.url, {
        ...common,
        connectionName: 'schemata-publisher',
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        commandTimeout: 1_000,
    });
    const subscriber = new Redis(options.url, {
        ...common,
        connectionName: 'schemata-subscriber',
        maxRetriesPerRequest: null,
        autoResubscribe: true,
    });
    let down = false;
    const onError = (error) => {
        if (down)
            return;
        down = true;
        logger.warn('redis unavailable; events stay in the outbox until it is back', { error: error.message });
    };
    for (const connection of [publisher, subscriber]) {
        connection.on('error', onError);
        connection.on('ready', () => {
            if (down)
                logger.info('redis is back; publishing the outbox backlog');
            down = false;
            options.onReady();
        });
    }
    subscriber.on('message', (channel, message) => {
        if (channel !== EVENTS_CHANNEL)
            return;
        const event = parseEnvelope(message);
        if (event === undefined)
            logger.warn('ignored a malformed message on the events channel');
        else
            options.onEvent(event);
    });
    // Start-up does not wait for an absent Redis: registration must work without it.
    publisher.connect().catch(() => undefined);
    await Promise.race([
        subscriber
            .connect()
            .then(() => subscriber.subscribe(EVENTS_CHANNEL))
            .catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, 2_000).unref()),
    ]);
    return {
        async publish(events) {
            if (publisher.status !== 'ready')
                throw new Error(`redis publisher is ${publisher.status}`);
            const pipeline = publisher.pipeline();
            for (const event of events) {
                const message = JSON.stringify(event);
                pipeline.publish(EVENTS_CHANNEL, message);
                const subject = subjectOf(event);
                if (subject !== null)
                    pipeline.publish(subjectChannel(subject), message);
            }
            const results = await pipeline.exec();
            const failure = results === null ? new Error('redis pipeline aborted') : results.find(([error]) => error)?.[0];
            if (failure)
                throw failure;
        },
        async close() {
            await Promise.all([publisher, subscriber].map((connection) => connection.status === 'ready'
                ? connection.quit().catch(() => connection.disconnect())
                : connection.disconnect()));
        },
    };
}
