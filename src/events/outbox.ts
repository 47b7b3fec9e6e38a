import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.ts';
import type { EventType, RegistryEvent } from './types.ts';

/**
 * The transactional outbox's write side. An event row is written in the same transaction as its change and
 * takes its feed position then: the next value of the `head` row in `outbox_positions`. That row stays
 * locked until the transaction ends, so positions are handed out in commit order — a reader polling
 * `after=<last seen>` never skips an event that commits later — and the relay only publishes.
 *
 * The lock serialises the ends of event-writing transactions, so an event must be a transaction's last
 * write, after every other lock it takes: a transaction holding `head` must never wait on one that waits
 * for `head`.
 */

/** Takes the next feed position when `when` holds (the row lock is held to commit). */
export function nextPosition(when: SQL = sql`true`): SQL {
  return sql`update outbox_positions set seq = seq + 1 where name = 'head' and ${when} returning seq`;
}

/** An event as a service describes it; the row adds the position and the time. */
export interface NewEvent {
  type: EventType;
  subject: string | null;
  data: Record<string, unknown>;
}

/**
 * Writes an event row; it must come after the transaction's other writes (only more events may follow).
 * The change and its event commit together or not at all.
 */
export async function recordEvent(tx: Tx, event: NewEvent): Promise<void> {
  const written = await queryRows<{ seq: unknown }>(
    tx,
    sql`with position as (${nextPosition()})
      insert into events (seq, event_type, subject, data)
      select seq, ${event.type}, ${event.subject}, ${JSON.stringify(event.data)}::jsonb from position
      returning seq`,
  );
  // Only a database without the registry's migrations lacks the head row: never drop an event silently.
  if (written.length !== 1) throw new Error('the outbox has no head position (migrations not applied?)');
}

/** An event row as the relay, the feed and the writers' `returning` read it. */
export interface EventRow {
  seq: string | number;
  event_type: string;
  data: string;
  occurred_at: string;
  registry_id: string;
}

// Text forms so postgres.js and PGlite return identical shapes (drizzle leaves raw types to the driver).
// The registry id comes from its one-row table (an uncorrelated subquery: read once per statement).
export const EVENT_COLUMNS_TEXT =
  `seq, event_type, data::text as data, ` +
  `to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at, ` +
  `(select registry_id from registry_identity) as registry_id`;

/** The published envelope of an event row. */
export function eventFromRow(row: EventRow): RegistryEvent {
  return {
    event_type: row.event_type as EventType,
    version: 'v1',
    seq: Number(row.seq),
    occurred_at: row.occurred_at,
    registry_id: row.registry_id,
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
}
