import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger.ts';
import { eventsChannel, ForeignEvents, parseEnvelope, subjectChannel, subjectOf } from '../client/events.ts';
import type { RegistryEvent } from './types.ts';

export interface RedisBus {
  /** Publishes to `<prefix>:events` and the subject channel, in order; throws when Redis is not there. */
  publish(events: RegistryEvent[]): Promise<void>;
  /** Whether both connections are up (health reports it; publishing and the feed cope either way). */
  readonly up: boolean;
  close(): Promise<void>;
}

/** Reconnect delays: quick at first, then every 2 s while Redis stays away. */
const reconnectDelay = (times: number): number => Math.min(50 * 2 ** Math.min(times, 6), 2_000);

/**
 * Two connections to Redis: one publishes (failing fast while Redis is down so the outbox keeps the
 * events), one subscribes to every instance's events. Neither ever throws into the process: errors are
 * logged once per outage and the connections retry on their own.
 */
export async function openRedisBus(options: {
  url: string;
  /** The channels' prefix (REDIS_CHANNEL_PREFIX, or one named after the registry). */
  channelPrefix: string;
  /** This registry's id: events of any other registry on the channel are ignored. */
  registryId: string;
  logger: Logger;
  /** A message from the channel (any instance's event). */
  onEvent(event: RegistryEvent): void;
  /** Redis is (back) up: messages may have been missed and the outbox may hold a backlog. */
  onReady(): void;
}): Promise<RedisBus> {
  const { logger, channelPrefix } = options;
  const channel = eventsChannel(channelPrefix);
  const common: RedisOptions = { lazyConnect: true, retryStrategy: reconnectDelay, connectTimeout: 2_000 };
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
  const onError = (error: Error) => {
    if (down) return;
    down = true;
    logger.warn('redis unavailable; events stay in the outbox until it is back', { error: error.message });
  };
  for (const connection of [publisher, subscriber]) {
    connection.on('error', onError);
    connection.on('ready', () => {
      if (down) logger.info('redis is back; publishing the outbox backlog');
      down = false;
      options.onReady();
    });
  }
  // Two registries given one REDIS_CHANNEL_PREFIX share a channel, but each numbers its feed from 1: taking
  // the other's events would skip this registry's own. They are ignored, and each foreign id logged once.
  const foreign = new ForeignEvents(
    () => options.registryId,
    (registryId) =>
      logger.warn('ignoring events of another registry on the events channel', {
        channel,
        registry_id: registryId,
        own_registry_id: options.registryId,
      }),
  );
  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    const event = parseEnvelope(message);
    if (event === undefined) logger.warn('ignored a malformed message on the events channel');
    else if (!foreign.isForeign(event))
      options.onEvent({ ...event, registry_id: options.registryId } as RegistryEvent);
  });

  // Start-up does not wait for an absent Redis: registration must work without it.
  publisher.connect().catch(() => undefined);
  await Promise.race([
    subscriber
      .connect()
      .then(() => subscriber.subscribe(channel))
      .catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, 2_000).unref()),
  ]);

  return {
    async publish(events) {
      if (publisher.status !== 'ready') throw new Error(`redis publisher is ${publisher.status}`);
      const pipeline = publisher.pipeline();
      for (const event of events) {
        const message = JSON.stringify(event);
        pipeline.publish(channel, message);
        const subject = subjectOf(event);
        if (subject !== null) pipeline.publish(subjectChannel(channelPrefix, subject), message);
      }
      const results = await pipeline.exec();
      const failure =
        results === null ? new Error('redis pipeline aborted') : results.find(([error]) => error)?.[0];
      if (failure) throw failure;
    },
    get up() {
      return publisher.status === 'ready' && subscriber.status === 'ready';
    },
    async close() {
      await Promise.all(
        [publisher, subscriber].map((connection) =>
          connection.status === 'ready'
            ? connection.quit().catch(() => connection.disconnect())
            : connection.disconnect(),
        ),
      );
    },
  };
}
