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

/**
 * Health as design.md §3 defines it: `schema_version` is the newest applied registry migration's tag. A
 * database that does not answer within HEALTH_TIMEOUT_MS (a partition: nothing refuses, nothing answers) is
 * reported as `database: "timeout"`, so the probe itself always answers promptly.
 */
export async function readHealth(deps: Deps): Promise<Health> {
  const busStatus = deps.events.busStatus() ?? 'ok';
  const base = { bus: deps.events.busKind, bus_status: busStatus, version: deps.packageVersion };
  const unavailable = (database: string): Health => ({
    status: 'unavailable',
    schema_version: null,
    database,
    outbox_lag: 0,
    ...base,
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Health>((resolve) => {
    timer = setTimeout(() => resolve(unavailable('timeout')), deps.config.healthTimeoutMs);
  });
  const probe = async (): Promise<Health> => {
    let schemaVersion: string | null;
    try {
      schemaVersion = await readSchemaVersion(deps);
    } catch {
      return unavailable('unreachable');
    }
    const lag = await deps.events.outboxLag().catch(() => -1);
    return {
      status: lag < 0 || busStatus === 'down' ? 'degraded' : 'ok',
      schema_version: schemaVersion,
      database: 'ok',
      outbox_lag: Math.max(lag, 0),
      ...base,
    };
  };
  try {
    return await Promise.race([probe(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function readSchemaVersion(deps: Deps): Promise<string | null> {
  const rows = await queryRows<{ created_at: string | number }>(
    deps.db,
    sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
  );
  const newest = rows[0];
  return newest === undefined ? null : (TAG_BY_WHEN.get(String(newest.created_at)) ?? null);
}
