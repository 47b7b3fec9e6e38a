import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_FOLDER, queryRows } from "../../db/client.js";
/** drizzle records each applied migration by its journal timestamp; the journal maps that back to a tag. */
const TAG_BY_WHEN = new Map(JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')).entries.map((e) => [String(e.when), e.tag]));
/** Health as design.md §3 defines it: `schema_version` is the newest applied registry migration's tag. */
export async function readHealth(deps) {
    const base = { bus: deps.events.busKind, version: deps.packageVersion };
    let schemaVersion;
    try {
        const rows = await queryRows(deps.db, sql `select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`);
        const newest = rows[0];
        schemaVersion = newest === undefined ? null : (TAG_BY_WHEN.get(String(newest.created_at)) ?? null);
    }
    catch {
        return { status: 'unavailable', schema_version: null, database: 'unreachable', outbox_lag: 0, ...base };
    }
    const lag = await deps.events.outboxLag().catch(() => -1);
    return {
        status: lag < 0 ? 'degraded' : 'ok',
        schema_version: schemaVersion,
        database: 'ok',
        outbox_lag: Math.max(lag, 0),
        ...base,
    };
}
