import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_FOLDER, queryRows } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';

export interface Health {
  status: 'ok' | 'degraded' | 'unavailable';
  schema_version: string | null;
  database: string;
  bus: 'redis' | 'in-process';
  /** Redis reachable (`ok`) or not (`down`: writes still succeed, their events wait in the outbox). */
  bus_status: 'ok' | 'down';
  outbox_lag: number;
  version: string;
}

/** drizzle records each applied migration by its journal timestamp; the journal maps that back to a tag. */
const TAG_BY_WHEN = new Map(
  (
    JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
      entries: { when: number; tag: string }[];
    }
  ).entries.map((e) => [String(e.when), e.tag]),
);

/** Health as design.md §3 defines it: `schema_version` is the newest applied registry migration's tag. */
export async function readHealth(deps: Deps): Promise<Health> {
  const busStatus = deps.events.busStatus() ?? 'ok';
  const base = { bus: deps.events.busKind, bus_status: busStatus, version: deps.packageVersion };
  let schemaVersion: string | null;
  try {
    const rows = await queryRows<{ created_at: string | number }>(
      deps.db,
      sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    const newest = rows[0];
    schemaVersion = newest === undefined ? null : (TAG_BY_WHEN.get(String(newest.created_at)) ?? null);
  } catch {
    return { status: 'unavailable', schema_version: null, database: 'unreachable', outbox_lag: 0, ...base };
  }
  const lag = await deps.events.outboxLag().catch(() => -1);
  return {
    status: lag < 0 || busStatus === 'down' ? 'degraded' : 'ok',
    schema_version: schemaVersion,
    database: 'ok',
    outbox_lag: Math.max(lag, 0),
    ...base,
  };
}
