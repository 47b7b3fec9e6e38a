import { or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../db/client.ts';
import { withinPrefixes } from '../db/repositories/versions.ts';
import type { Access } from '../domain/access.ts';
import { EVENT_COLUMNS_TEXT, eventFromRow, type EventRow } from './outbox.ts';
import type { RegistryEvent } from './types.ts';

/**
 * The outbox/feed queries. Events take their position (`seq`) when they are written, in commit order (see
 * outbox.ts); the relay publishes them in that order and advances the `published` cursor behind them.
 */

/** Advisory-lock key (int8): the publisher role, held by one relay session across all instances. */
const PUBLISHER_LOCK = 0x5c4e_0e02;
/** The NOTIFY channel on which other instances tell the publisher they committed events. */
export const OUTBOX_CHANNEL = 'schemata_outbox';

const EVENT_COLUMNS = sql.raw(EVENT_COLUMNS_TEXT);

/** Where the relay's statements run: one database session, whose session-scoped lock it holds. */
export interface RelaySession {
  /** Runs one statement; resolves to its rows. */
  rows<T>(query: SQL): Promise<T[]>;
  /** Changes when the session may have been replaced (and its locks released); see ReservedSession. */
  readonly generation: number;
  /**
   * Whether the relay has the session to itself (PostgreSQL). Embedded, it shares PGlite's one session
   * with every request, whose commits must stay synchronous.
   */
  readonly dedicated: boolean;
}

/**
 * Takes the publisher role for this session if no other session holds it (a session-scoped lock: held
 * until the session ends), and reads how far publishing got. A dedicated session then commits without
 * waiting for the WAL flush: it writes only the `published` cursor, and a lost advance only means a repeat
 * publication, which consumers dedupe by seq. When the role is taken and `nudge` is set, the holder is
 * told (NOTIFY) that there is something to publish.
 */
export async function takePublisherRole(
  session: RelaySession,
  nudge: boolean,
): Promise<{ held: boolean; published: number }> {
  const [row] = await session.rows<{ held: boolean; published: string | number }>(
    sql`with attempt as materialized (select pg_try_advisory_lock(${PUBLISHER_LOCK}::bigint) as held)
    select held, (select seq from outbox_positions where name = 'published') as published,
      case when held and ${session.dedicated}::boolean then set_config('synchronous_commit', 'off', false)
        when not held and ${nudge}::boolean then (select 'nudged' from pg_notify(${OUTBOX_CHANNEL}::text, ''))
      end as side
    from attempt`,
  );
  return { held: row?.held === true, published: Number(row?.published ?? 0) };
}

/**
 * The oldest events after position `after`, in seq order (an index range scan). With `persist`, the same
 * statement first moves the `published` cursor up to it (never back).
 */
export async function claimAfter(
  session: RelaySession,
  after: number,
  limit: number,
  persist?: number,
): Promise<RegistryEvent[]> {
  const page = sql`select ${EVENT_COLUMNS} from events where seq > ${after}::bigint order by seq limit ${limit}::int`;
  const rows = await session.rows<EventRow>(
    persist === undefined
      ? page
      : sql`with advanced as (${advanceStatement(persist)} and seq < ${persist}::bigint returning seq) ${page}`,
  );
  return rows.map(eventFromRow);
}

/** Moves the `published` cursor up to `seq` (the publisher's session only). */
export async function persistPublished(session: RelaySession, seq: number): Promise<void> {
  await session.rows(sql`${advanceStatement(seq)} returning seq`);
}

/** Moves the `published` cursor to `seq`, never back (an older publisher's write may arrive late). */
const advanceStatement = (seq: number) =>
  sql`update outbox_positions set seq = greatest(seq, ${seq}::bigint) where name = 'published'`;

export interface FeedQuery {
  after: number;
  limit: number;
  subject?: string | undefined;
  type?: string | undefined;
  /** Only the events this key sees (see `seesEvent`); every event when absent (the registry's own readers). */
  access?: Access | undefined;
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
  if (query.access !== undefined) filters.push(...visibleTo(query.access));
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
    .map(eventFromRow);
  const more = events.length >= query.limit;
  const last = events.at(-1)?.seq ?? query.after;
  return { events, next: more ? last : Math.max(query.after, head, last), more };
}

/** The conditions of `seesEvent` in SQL (bound parameters), so that paging counts only visible events. */
function visibleTo(access: Access): SQL[] {
  const conditions: SQL[] = [];
  if (access.role !== 'admin' || access.prefixes !== null) {
    conditions.push(sql`not starts_with(event_type, 'key.')`);
  }
  const within = withinPrefixes(access.prefixes, sql`subject`);
  if (within !== undefined) conditions.push(or(sql`subject is null`, within) ?? within);
  return conditions;
}

/** The newest feed position (0 when the feed is empty). */
export async function readHead(db: Queryable): Promise<number> {
  const [row] = await queryRows<{ head: string | number }>(
    db,
    sql`select coalesce(max(seq), 0) as head from events`,
  );
  return Number(row?.head ?? 0);
}

/** The feed's head and the stored `published` cursor: one cheap look for the poll loop and for health. */
export async function readPositions(db: Queryable): Promise<{ head: number; published: number }> {
  const rows = await queryRows<{ name: string; seq: string | number }>(
    db,
    sql`select name, seq from outbox_positions`,
  );
  const position = (name: string) => Number(rows.find((row) => row.name === name)?.seq ?? 0);
  return { head: position('head'), published: position('published') };
}
