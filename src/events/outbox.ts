import type { Tx } from '../db/client.ts';
import { events } from '../db/schema.ts';
import type { EventType } from './types.ts';

/**
 * Writes an event row inside the caller's transaction (transactional outbox): the change and its event
 * commit together or not at all. The relay assigns the feed position and publishes after commit.
 */
export async function recordEvent(
  tx: Tx,
  event: { type: EventType; subject: string | null; data: Record<string, unknown> },
): Promise<void> {
  await tx.insert(events).values({ eventType: event.type, subject: event.subject, data: event.data });
}
