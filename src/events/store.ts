import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database, type Queryable, type SoloSession } from '../db/client.ts';
import type { EventType, RegistryEvent } from './types.ts';

/**
 * The outbox/feed queries. Events take their position (`seq`) when they are written, in commit order (see
 * outbox.ts); the relay publishes them in that order and then advances the `published` cursor.
 */

/** Advisory-lock key (int8): one publisher across all instances. */
const PUBLISHER_LOCK = 0x5c4e_0e02;
const TRY_PUBLISHER_LOCK = `select pg_try_advisory_xact_lock(${PUBLISHER_LOCK}) as locked`;

interface EventRow {
  seq: string | number;
  event_type: string;
  data: string;
  occurred_at: string;
}

// Text forms so postgres.js and PGlite return identical shapes (drizzle leaves raw types to the driver).
const EVENT_COLUMNS_TEXT =
  `seq, event_type, data::text as data, ` +
  `to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at`;
const EVENT_COLUMNS = sql.raw(EVENT_COLUMNS_TEXT);

function toEvent(row: EventRow): RegistryEvent {
  return {
    event_type: row.event_type as EventType,
    version: 'v1',
    seq: Number(row.seq),
    occurred_at: row.occurred_at,
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
}

/** The oldest unpublished events, in seq order; an index range scan behind the cursor. */
function claimStatement(limit: number): string {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`bad batch size ${limit}`);
  return `select ${EVENT_COLUMNS_TEXT} from events
    where seq > (select seq from outbox_positions where name = 'published') order by seq limit ${limit}`;
}

/** Moves the `published` cursor to `seq` (never back: a slower publisher may finish late). */
function advanceStatement(seq: number): string {
  if (!Number.isSafeInteger(seq)) throw new RangeError(`bad position ${seq}`);
  return `update outbox_positions set seq = greatest(seq, ${seq}) where name = 'published'`;
}

/**
 * Publishes the oldest unpublished events through `publish` and advances the cursor past them, in one
 * transaction holding the publisher lock: when `publish` throws, the cursor stays and the events are retried
 * later (at least once). Returns `busy` when another instance holds the publisher lock.
 */
export async function publishPending(
  db: Database,
  limit: number,
  publish: (events: RegistryEvent[]) => Promise<void>,
): Promise<{ busy: boolean; events: RegistryEvent[] }> {
  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ locked: boolean }>(tx, sql.raw(TRY_PUBLISHER_LOCK));
    if (lock?.locked !== true) return { busy: true, events: [] };
    const events = sortedEvents(await queryRows<EventRow>(tx, sql.raw(claimStatement(limit))));
    const last = events.at(-1);
    if (last === undefined) return { busy: false, events };
    await publish(events);
    await tx.execute(sql.raw(advanceStatement(last.seq)));
    return { busy: false, events };
  });
}

/**
 * `publishPending` on the relay's own PostgreSQL connection, in two round trips: BEGIN, the lock and the
 * claim go out together, then (after `publish`) the cursor's advance with COMMIT, or a rollback.
 */
export async function publishPendingOnSession(
  session: SoloSession,
  limit: number,
  publish: (events: RegistryEvent[]) => Promise<void>,
): Promise<{ busy: boolean; events: RegistryEvent[] }> {
  try {
    const [, lock, claimed] = await Promise.all([
      // The cursor need not survive a database crash: a lost advance only means a repeat publication,
      // which consumers dedupe by seq. So the claim commits without waiting for the WAL flush.
      session.text('begin; set local synchronous_commit = off'),
      session.text(TRY_PUBLISHER_LOCK),
      session.text(claimStatement(limit)),
    ]);
    const locked = (lock as { locked?: boolean }[])[0]?.locked === true;
    const events = locked ? sortedEvents(claimed) : [];
    const last = events.at(-1);
    if (last === undefined) {
      await session.text('rollback');
      return { busy: !locked, events };
    }
    await publish(events);
    await session.text(`${advanceStatement(last.seq)}; commit`);
    return { busy: false, events };
  } catch (error) {
    await session.text('rollback').catch(() => undefined);
    throw error;
  }
}

function sortedEvents(rows: unknown): RegistryEvent[] {
  return ((rows ?? []) as EventRow[]).map(toEvent).sort((a, b) => a.seq - b.seq);
}

export interface FeedQuery {
  after: number;
  limit: number;
  subject?: string | undefined;
  type?: string | undefined;
}

/** A page of the feed and where to continue: `more` is true when the page was full. */
export interface FeedPage {
  events: RegistryEvent[];
  next: number;
  more: boolean;
}

/**
 * Reads sequenced events after a position. When the page is not full, `next` is the feed head seen by the
 * same snapshot: no later commit can take a position at or below it, so filtered readers skip ahead safely.
 */
export async function readFeed(db: Queryable, query: FeedQuery): Promise<FeedPage> {
  const filters: SQL[] = [sql`seq > ${query.after}`];
  if (query.subject !== undefined) filters.push(sql`subject = ${query.subject}`);
  if (query.type !== undefined) filters.push(sql`event_type = ${query.type}`);
  const rows = await queryRows<Partial<EventRow> & { head: string | number }>(
    db,
    sql`with page as (select ${EVENT_COLUMNS} from events where ${sql.join(filters, sql` and `)} order by seq limit ${query.limit})
      select (select coalesce(max(seq), 0) from events) as head, page.* from (select 1) as one
      left join page on true order by page.seq`,
  );
  const head = Number(rows[0]?.head ?? 0);
  // The left join yields one all-null row when the page is empty: it carries only the head.
  const events = rows
    .filter((row): row is EventRow & { head: string } => row.seq !== null && row.seq !== undefined)
    .map(toEvent);
  const more = events.length >= query.limit;
  const last = events.at(-1)?.seq ?? query.after;
  return { events, next: more ? last : Math.max(query.after, head, last), more };
}

/** The newest feed position (0 when the feed is empty). */
export async function readHead(db: Queryable): Promise<number> {
  const [row] = await queryRows<{ head: string | number }>(
    db,
    sql`select coalesce(max(seq), 0) as head from events`,
  );
  return Number(row?.head ?? 0);
}

/** One cheap look at the outbox for the poll loop: is there work, and how far is the feed? */
export async function readOutboxState(db: Queryable): Promise<{ unpublished: boolean; head: number }> {
  const { head, published } = await readPositions(db);
  return { unpublished: head > published, head };
}

/** Committed events not yet published. */
export async function countUnpublished(db: Queryable): Promise<number> {
  const { head, published } = await readPositions(db);
  return Math.max(0, head - published);
}

async function readPositions(db: Queryable): Promise<{ head: number; published: number }> {
  const rows = await queryRows<{ name: string; seq: string | number }>(
    db,
    sql`select name, seq from outbox_positions`,
  );
  const position = (name: string) => Number(rows.find((row) => row.name === name)?.seq ?? 0);
  return { head: position('head'), published: position('published') };
}
