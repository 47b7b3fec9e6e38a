import { sql } from 'drizzle-orm';
import { queryRows } from "../db/client.js";
import { EVENT_COLUMNS_TEXT, eventFromRow } from "./outbox.js";
/**
 * The outbox/feed queries. Events take their position (`seq`) when they are written, in commit order (see
 * outbox.ts); the relay publishes them in that order and advances the `published` cursor behind them.
 */
/** Advisory-lock key (int8): the publisher role, held by one relay session across all instances. */
const PUBLISHER_LOCK = 0x5c4e_0e02;
/** The NOTIFY channel on which other instances tell the publisher they committed events. */
export const OUTBOX_CHANNEL = 'schemata_outbox';
const EVENT_COLUMNS = sql.raw(EVENT_COLUMNS_TEXT);
/**
 * Takes the publisher role for this session if no other session holds it (a session-scoped lock: held
 * until the session ends), and reads how far publishing got. A dedicated session then commits without
 * waiting for the WAL flush: it writes only the `published` cursor, and a lost advance only means a repeat
 * publication, which consumers dedupe by seq. When the role is taken and `nudge` is set, the holder is
 * told (NOTIFY) that there is something to publish.
 */
export async function takePublisherRole(session, nudge) {
    const [row] = await session.rows(`with attempt as materialized (select pg_try_advisory_lock(${PUBLISHER_LOCK}) as held)
    select held, (select seq from outbox_positions where name = 'published') as published,
      case when held and ${session.dedicated} then set_config('synchronous_commit', 'off', false)
        when not held and ${nudge} then (select 'nudged' from pg_notify('${OUTBOX_CHANNEL}', '')) end as side
    from attempt`);
    return { held: row?.held === true, published: Number(row?.published ?? 0) };
}
/**
 * The oldest events after position `after`, in seq order (an index range scan). With `persist`, the same
 * statement first moves the `published` cursor up to it (never back).
 */
export async function claimAfter(session, after, limit, persist) {
    for (const n of [after, limit, persist ?? 0]) {
        if (!Number.isSafeInteger(n) || n < 0)
            throw new RangeError(`bad relay position ${n}`);
    }
    const advance = persist === undefined
        ? ''
        : `with advanced as (${advanceStatement(persist)} and seq < ${persist} returning seq) `;
    const rows = await session.rows(`${advance}select ${EVENT_COLUMNS_TEXT} from events where seq > ${after} order by seq limit ${limit}`);
    return rows.map(eventFromRow);
}
/** Moves the `published` cursor up to `seq` (the publisher's session only). */
export async function persistPublished(session, seq) {
    if (!Number.isSafeInteger(seq) || seq < 0)
        throw new RangeError(`bad relay position ${seq}`);
    await session.rows(`${advanceStatement(seq)} returning seq`);
}
/** Moves the `published` cursor to `seq`, never back (an older publisher's write may arrive late). */
const advanceStatement = (seq) => `update outbox_positions set seq = greatest(seq, ${seq}) where name = 'published'`;
/**
 * Reads sequenced events after a position. When the page is not full, `next` is the feed head seen by the
 * same snapshot: no later commit can take a position at or below it, so filtered readers skip ahead safely.
 */
export async function readFeed(db, query) {
    const filters = [sql `seq > ${query.after}`];
    if (query.subject !== undefined)
        filters.push(sql `subject = ${query.subject}`);
    if (query.type !== undefined)
        filters.push(sql `event_type = ${query.type}`);
    const rows = await queryRows(db, sql `with page as (select ${EVENT_COLUMNS} from events where ${sql.join(filters, sql ` and `)} order by seq limit ${query.limit})
      select (select coalesce(max(seq), 0) from events) as head, page.* from (select 1) as one
      left join page on true order by page.seq`);
    const head = Number(rows[0]?.head ?? 0);
    // The left join yields one all-null row when the page is empty: it carries only the head.
    const events = rows
        .filter((row) => row.seq !== null && row.seq !== undefined)
        .map(eventFromRow);
    const more = events.length >= query.limit;
    const last = events.at(-1)?.seq ?? query.after;
    return { events, next: more ? last : Math.max(query.after, head, last), more };
}
/** The newest feed position (0 when the feed is empty). */
export async function readHead(db) {
    const [row] = await queryRows(db, sql `select coalesce(max(seq), 0) as head from events`);
    return Number(row?.head ?? 0);
}
/** The feed's head and the stored `published` cursor: one cheap look for the poll loop and for health. */
export async function readPositions(db) {
    const rows = await queryRows(db, sql `select name, seq from outbox_positions`);
    const position = (name) => Number(rows.find((row) => row.name === name)?.seq ?? 0);
    return { head: position('head'), published: position('published') };
}
