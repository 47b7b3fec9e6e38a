import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database, type Queryable, type SoloSession } from '../db/client.ts';
import type { EventType, RegistryEvent } from './types.ts';

/**
 * The outbox/feed queries. Positions (`seq`) are handed out in commit order by one sequencer at a time;
 * the feed only ever shows sequenced rows, so a reader polling `after=<last seen>` never skips one.
 */

/** Advisory-lock keys (int8): one sequencer across all instances, one publisher across all instances. */
const SEQUENCER_LOCK = 0x5c4e_0e01;
const PUBLISHER_LOCK = 0x5c4e_0e02;
const TAKE_SEQUENCER_LOCK = `select pg_advisory_xact_lock(${SEQUENCER_LOCK})`;
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

/** Numbers the visible unsequenced rows after the current head; constants inlined (see `sequencePending`). */
function numberingStatement(limit: number): string {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`bad batch size ${limit}`);
  return `with head as (select coalesce(max(seq), 0) as base from events),
    pending as (select id, row_number() over (order by id) as n from events where seq is null order by id limit ${limit})
    update events e set seq = head.base + pending.n from pending, head where e.id = pending.id
    returning ${EVENT_COLUMNS_TEXT}`;
}

/**
 * Gives the committed, unsequenced rows the next positions, in id order, in a transaction holding the
 * sequencer lock. Rows of transactions still open are invisible here and get a later position once they
 * commit; the numbering statement starts after the lock is granted, so its snapshot includes every earlier
 * sequencer's commit.
 */
export async function sequencePending(
  db: Database,
  limit: number,
  driver: 'postgres' | 'embedded',
): Promise<RegistryEvent[]> {
  let rows: EventRow[];
  if (driver === 'postgres') {
    // One round trip on the commit → subscriber path: a multi-statement simple query is one implicit
    // transaction (the lock is held to its end, a failure rolls it all back) and in READ COMMITTED each of
    // its statements takes a fresh snapshot. PGlite's query API takes one statement at a time.
    const results = (await db.execute(
      sql.raw(`${TAKE_SEQUENCER_LOCK}; ${numberingStatement(limit)}`),
    )) as unknown as EventRow[][];
    rows = results[1] ?? [];
  } else {
    rows = await db.transaction(async (tx) => {
      await tx.execute(sql.raw(TAKE_SEQUENCER_LOCK));
      return queryRows<EventRow>(tx, sql.raw(numberingStatement(limit)));
    });
  }
  return sortedEvents(rows);
}

/**
 * Publishes the oldest sequenced-but-unpublished rows through `publish` and marks them, all in one
 * transaction: when `publish` throws, the marks roll back and the rows are retried later (at least once).
 * Returns `busy` when another instance holds the publisher lock.
 */
export async function publishPending(
  db: Database,
  limit: number,
  publish: (events: RegistryEvent[]) => Promise<void>,
): Promise<{ busy: boolean; count: number }> {
  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ locked: boolean }>(tx, sql.raw(TRY_PUBLISHER_LOCK));
    if (lock?.locked !== true) return { busy: true, count: 0 };
    const rows = await queryRows<EventRow>(tx, sql.raw(claimStatement(limit)));
    if (rows.length === 0) return { busy: false, count: 0 };
    await publish(sortedEvents(rows));
    return { busy: false, count: rows.length };
  });
}

/** Marks the oldest sequenced-but-unpublished rows, if this transaction holds (or now gets) the publisher lock. */
function claimStatement(limit: number): string {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`bad batch size ${limit}`);
  // The lock check is an uncorrelated subquery, so it runs once; `published_at is null` on the outer
  // update is rechecked against rows another publisher marked meanwhile, so none is claimed twice.
  return `update events set published_at = now()
    where (select pg_try_advisory_xact_lock(${PUBLISHER_LOCK})) and published_at is null and seq in (
      select seq from events where seq is not null and published_at is null order by seq limit ${limit})
    returning ${EVENT_COLUMNS_TEXT}`;
}

/** What one relay round trip on PostgreSQL found; the claim's transaction is open until `endClaim`. */
export interface SequencedAndClaimed {
  sequenced: PromiseSettledResult<RegistryEvent[]>;
  claim: PromiseSettledResult<{ busy: boolean; events: RegistryEvent[] }>;
}

/**
 * PostgreSQL, on the relay's own connection: `sequencePending` and the first half of `publishPending` in one
 * round trip. The four queries are pipelined. Sequencing is its own implicit transaction, committed before
 * the claim starts, so nothing is published before its position is durable; the claim's transaction stays
 * open so that `endClaim(false)` can undo the marks when publishing fails.
 */
export async function sequenceAndClaim(session: SoloSession, limit: number): Promise<SequencedAndClaimed> {
  const [sequenced, begun, lock, claimed] = await Promise.allSettled([
    session.text(`${TAKE_SEQUENCER_LOCK}; ${numberingStatement(limit)}`),
    // Publication marks need not survive a database crash: lost marks only mean a repeat publication,
    // which consumers dedupe by seq. So the claim commits without waiting for the WAL flush.
    session.text('begin; set local synchronous_commit = off'),
    session.text(TRY_PUBLISHER_LOCK),
    session.text(claimStatement(limit)),
  ]);
  const result: SequencedAndClaimed = {
    sequenced:
      sequenced.status === 'fulfilled'
        ? { status: 'fulfilled', value: sortedEvents((sequenced.value as unknown[][])[1]) }
        : sequenced,
    claim: { status: 'rejected', reason: undefined },
  };
  if (begun.status === 'rejected') result.claim = begun;
  else if (lock.status === 'rejected') result.claim = lock;
  else if (claimed.status === 'rejected') result.claim = claimed;
  else {
    const events = sortedEvents(claimed.value);
    const locked = (lock.value as { locked?: boolean }[])[0]?.locked === true;
    // Without the lock at the first try, the claim's own try may still have won it (then rows came back).
    result.claim = { status: 'fulfilled', value: { busy: !locked && events.length === 0, events } };
  }
  return result;
}

function sortedEvents(rows: unknown): RegistryEvent[] {
  return ((rows ?? []) as EventRow[]).map(toEvent).sort((a, b) => a.seq - b.seq);
}

/** Commits the claim (the events went out) or rolls it back (they did not; they stay unpublished). */
export async function endClaim(session: SoloSession, published: boolean): Promise<void> {
  await session.text(published ? 'commit' : 'rollback');
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
export async function readOutboxState(
  db: Queryable,
): Promise<{ unsequenced: boolean; unpublished: boolean; head: number }> {
  const [row] = await queryRows<{ unsequenced: boolean; unpublished: boolean; head: string | number }>(
    db,
    sql`select exists (select 1 from events where seq is null) as unsequenced,
      exists (select 1 from events where seq is not null and published_at is null) as unpublished,
      (select coalesce(max(seq), 0) from events) as head`,
  );
  return {
    unsequenced: row?.unsequenced === true,
    unpublished: row?.unpublished === true,
    head: Number(row?.head ?? 0),
  };
}

/** Committed events not yet published (each count uses its partial index). */
export async function countUnpublished(db: Queryable): Promise<number> {
  const [row] = await queryRows<{ lag: string | number }>(
    db,
    sql`select (select count(*) from events where seq is null)
      + (select count(*) from events where seq is not null and published_at is null) as lag`,
  );
  return Number(row?.lag ?? 0);
}
