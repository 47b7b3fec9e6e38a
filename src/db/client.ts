import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import postgres from 'postgres';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { registrySchema } from './schema.ts';
import { acquireDataDirLock, type DataDirLock } from './dataDirLock.ts';
import { withCommitOutcome } from './commitOutcome.ts';
import { openPglite } from './pglite.ts';
import { ReservedSession } from './reservedSession.ts';
import type { PoolStats } from '../metrics.ts';

export type Database = PgDatabase<PgQueryResultHKT, typeof registrySchema>;
/** A transaction handle; services accept it so their writes can join a caller's transaction. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Queryable = Database | Tx;

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'embedded';
  /**
   * PostgreSQL only: one connection reserved from the pool (on first use, again after it is lost) for the
   * one caller that holds a session-scoped lock, the outbox relay.
   */
  session?: ReservedSession;
  /** PostgreSQL only: calls `onNotify` for each NOTIFY on `channel` (postgres.js's LISTEN connection). */
  listen?(channel: string, onNotify: () => void): Promise<void>;
  /** PostgreSQL only: what the main pool can tell about its use, for /metrics. */
  poolStats?(): PoolStats;
  /** Runs the registry's own migrations under an advisory lock (idempotent). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** How the registry uses PostgreSQL; embedded mode ignores it. */
export interface PostgresOptions {
  /** Connections in the pool (the relay's reserved session is one of them). */
  poolMax: number;
  /** How long a statement may go unanswered (waiting for a connection included) before it fails. */
  timeoutMs: number;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));
/** Advisory-lock key (int8) that serialises start-up migrations across instances. */
const MIGRATION_LOCK_KEY = 0x5c4e_0001;

/** Opens PostgreSQL through postgres.js when `databaseUrl` is set, else PGlite in `dataDir` (`memory://` for RAM). */
export async function openDatabase(options: {
  databaseUrl: string | undefined;
  dataDir: string;
  postgres?: PostgresOptions;
  /** Embedded: called before a fresh data directory is initialised (the slow step of a first start). */
  onInitialise?: () => void;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl !== undefined) {
    return openPostgres(options.databaseUrl, options.postgres ?? { poolMax: 10, timeoutMs: 5_000 });
  }
  return openEmbedded(options.dataDir, options.onInitialise);
}

function openPostgres(url: string, options: PostgresOptions): DatabaseHandle {
  const client = postgres(url, clientOptions(url, options));
  const use = { queriesInFlight: 0, transactionsOpen: 0 };
  const db = drizzlePostgres({
    client: withCommitOutcome(client, use),
    schema: registrySchema,
  }) as unknown as Database;
  const session = new ReservedSession(client);
  return {
    db,
    kind: 'postgres',
    session,
    poolStats: () => ({ size: options.poolMax, ...use }),
    async listen(channel, onNotify) {
      await client.listen(channel, () => onNotify());
    },
    async migrate() {
      // A transaction on one pooled connection holds the lock while the migration runs on the others.
      await client.begin(async (tx) => {
        await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
      });
    },
    async close() {
      await session.close();
      await client.end({ timeout: 5 });
    },
  };
}

function clientOptions(url: string, options: PostgresOptions): postgres.Options<Record<string, never>> {
  const seconds = options.timeoutMs / 1000;
  return {
    max: options.poolMax,
    onnotice: () => {},
    // No array-typed parameters are ever sent, so the per-connection type lookup is not needed.
    fetch_types: false,
    // A statement unanswered for this long is cancelled and fails (503); a database that stops answering
    // without closing the connection (a partition) must not hold requests for as long as TCP takes to notice.
    query_timeout: seconds,
    queue_timeout: seconds,
    // A cancel that gets no answer either means the network is gone: close the connection soon after.
    cancel_timeout: Math.min(seconds, 1),
    // postgres.js lets an explicit option beat the URL: a timeout written in the URL (`?connect_timeout=2`) wins here.
    ...defaultsNotInUrl(url, { connect_timeout: 10, idle_timeout: 60 }),
    // Reconnect attempts back off up to 1 s, so requests and health answer 503 promptly while the database
    // is away and the registry notices its return within a second.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1) * (0.5 + Math.random() / 2),
  };
}

function defaultsNotInUrl<T extends Record<string, number>>(url: string, defaults: T): Partial<T> {
  const given = new URL(url).searchParams;
  return Object.fromEntries(Object.entries(defaults).filter(([key]) => !given.has(key))) as Partial<T>;
}

async function openEmbedded(dataDir: string, onInitialise?: () => void): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith('memory://');
  let lock: DataDirLock | undefined;
  if (!inMemory) {
    mkdirSync(dataDir, { recursive: true });
    // PGlite silently loses writes when two processes share a directory: refuse instead.
    lock = acquireDataDirLock(dataDir);
  }
  try {
    const client = await openPglite(inMemory ? dataDir : `${dataDir}/pgdata`, onInitialise);
    const db = drizzlePglite({ client, schema: registrySchema }) as unknown as Database;
    return {
      db,
      kind: 'embedded',
      async migrate() {
        // One process owns the directory (file lock), so no advisory lock is needed.
        await migratePglite(drizzlePglite({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
      },
      async close() {
        await client.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** Runs a raw query and returns its rows, whichever driver is underneath. */
export async function queryRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** Serialises writers of one subject until the surrounding transaction ends. */
export async function lockSubject(tx: Tx, subject: string): Promise<void> {
  await queryRows(tx, sql`select pg_advisory_xact_lock(hashtextextended(${`subject:${subject}`}, 0))`);
}
