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
import { literal } from './inline.ts';
import { openPglite } from './pglite.ts';
import { PipelinePool, SoloConnection, type PipelinedTx } from './pipeline.ts';

export type Database = PgDatabase<PgQueryResultHKT, typeof registrySchema>;
/** A transaction handle; services accept it so their writes can join a caller's transaction. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Queryable = Database | Tx;

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'embedded';
  /**
   * PostgreSQL only: a connection of its own (postgres.js with max 1, opened on first use, never closed
   * for idleness or age) for the one caller that holds a session-scoped lock, the outbox relay.
   */
  soloSession?: () => SoloSession;
  /** PostgreSQL only: calls `onNotify` for each NOTIFY on `channel` (postgres.js's LISTEN connection). */
  listen?(channel: string, onNotify: () => void): Promise<void>;
  /** PostgreSQL only: pipelined transactions for the registration write path (src/db/pipeline.ts). */
  pipelines?: PipelinePool;
  /** Runs the registry's own migrations under an advisory lock (idempotent). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** Parameterless SQL text on one dedicated connection; postgres.js pipelines calls made without awaiting. */
export type SoloSession = Pick<SoloConnection, 'text' | 'generation'>;

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));
/** Advisory-lock key (int8) that serialises start-up migrations across instances. */
const MIGRATION_LOCK_KEY = 0x5c4e_0001;

/** Opens PostgreSQL through postgres.js when `databaseUrl` is set, else PGlite in `dataDir` (`memory://` for RAM). */
export async function openDatabase(options: {
  databaseUrl: string | undefined;
  dataDir: string;
  poolSize?: number;
  /** Embedded: called before a fresh data directory is initialised (the slow step of a first start). */
  onInitialise?: () => void;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl !== undefined) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openEmbedded(options.dataDir, options.onInitialise);
}

function openPostgres(url: string, max: number): DatabaseHandle {
  const client = postgres(url, clientOptions(url, max));
  // The relay's session holds the publisher lock for as long as it lives: postgres.js must not end it.
  const solo = new SoloConnection(
    (onclose) => postgres(url, { ...clientOptions(url, 1), idle_timeout: 0, max_lifetime: null, onclose }),
    SOLO_DEADLINE_MS,
  );
  const pipelines = new PipelinePool(
    max,
    () => new SoloConnection(() => writerClient(url), PIPELINE_DEADLINE_MS),
  );
  const db = drizzlePostgres({
    client: withGuardedTransactions(client),
    schema: registrySchema,
  }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    soloSession: () => solo,
    pipelines,
    async listen(channel, onNotify) {
      await client.listen(channel, () => onNotify());
    },
    async migrate() {
      // A transaction on one pooled connection holds the lock while the migration runs on the others (a
      // reserved session would do too, but postgres.js's reserve() never resolves on a fresh connection
      // when `fetch_types` is off).
      await client.begin(async (tx) => {
        await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
      });
    },
    async close() {
      await Promise.all([client.end({ timeout: 5 }), solo.close(), pipelines.close()]);
    },
  };
}

/** How long a relay statement may go unanswered before its connection is given up on. */
const SOLO_DEADLINE_MS = 5_000;
/** The same for registration statements, which may wait their turn for a subject's lock. */
const PIPELINE_DEADLINE_MS = 15_000;

/**
 * A pipelined connection's client. Its statements come from drizzle's `sql` but bypass drizzle's driver,
 * so it takes the driver's setting that matters to them: JSON parameters are sent as the text given
 * (drizzle serialises them itself), not encoded a second time.
 */
function writerClient(url: string): Sql {
  const client = postgres(url, clientOptions(url, 1));
  const asGiven = (value: unknown) => value;
  Object.assign(client.options.serializers, { 114: asGiven, 3802: asGiven });
  return client;
}

function clientOptions(url: string, max: number): postgres.Options<Record<string, never>> {
  return {
    max,
    onnotice: () => {},
    // No array-typed parameters are ever sent, so the per-connection type lookup is not needed; and when
    // a connection drops during that lookup, postgres.js 3.4 leaves its rejection unhandled, which would
    // end the process (seen in test/fault/database-down.test.ts).
    fetch_types: false,
    // postgres.js lets an explicit option beat the URL: a timeout written in the URL (`?connect_timeout=2`) wins here.
    ...defaultsNotInUrl(url, { connect_timeout: 10, idle_timeout: 60 }),
    // Reconnect attempts back off up to 1 s (postgres.js: 20 s), so requests and health answer 503 promptly
    // while the database is away and the registry notices its return within a second.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1) * (0.5 + Math.random() / 2),
  };
}

function defaultsNotInUrl<T extends Record<string, number>>(url: string, defaults: T): Partial<T> {
  const given = new URL(url).searchParams;
  return Object.fromEntries(Object.entries(defaults).filter(([key]) => !given.has(key))) as Partial<T>;
}

type Sql = postgres.Sql;
type TransactionSql = postgres.TransactionSql;
type TransactionBody = (sql: TransactionSql) => unknown;

/**
 * postgres.js 3.4.9 ends the process (an uncaught TypeError from a timer) when a statement is written to
 * a connection whose socket has closed. Its own `begin` does exactly that when the database drops
 * mid-transaction: the body fails, and the ROLLBACK (or the COMMIT, or the body's next statement) goes to
 * the dead connection. postgres.js already rejects the transaction the moment the connection closes, so
 * here the body refuses further statements after that and never settles, which keeps ROLLBACK/COMMIT
 * from being written. The cost is one pending promise per transaction caught by a drop.
 */
function withGuardedTransactions(client: Sql): Sql {
  const begin = (...args: [TransactionBody] | [string, TransactionBody]): Promise<unknown> => {
    const [options, body] = args.length === 1 ? ['', args[0]] : args;
    const state = { abandoned: false };
    const transaction = client.begin(options, guardBody(body, state));
    // Once the body runs, a rejection can only come from postgres.js giving up on a closed connection.
    transaction.catch(() => {
      state.abandoned = true;
    });
    return transaction;
  };
  const unsafe = preparedUnsafe(client);
  return new Proxy(client, {
    get: (target, key, receiver) =>
      key === 'begin' ? begin : key === 'unsafe' ? unsafe : (Reflect.get(target, key, receiver) as unknown),
  });
}

/**
 * drizzle hands every query to postgres.js as `unsafe(text, params, { prepare: false })`, and postgres.js
 * sends an unprepared query with parameters as Parse/Describe, waits for the parameter types, then sends
 * Bind/Execute: two round trips per statement, and no pipelining behind it. Named statements (postgres.js's
 * own default for tagged queries) are described once per connection and then cost one Bind/Execute.
 * Parameterless text stays on the simple protocol, which also carries the relay's multi-statement queries.
 */
function preparedUnsafe(client: Sql | TransactionSql): Sql['unsafe'] {
  return ((text: string, params?: unknown[], options?: Record<string, unknown>) =>
    client.unsafe(
      text,
      params as never,
      params !== undefined && params.length > 0 ? { ...options, prepare: true } : (options as never),
    )) as Sql['unsafe'];
}

function guardBody(body: TransactionBody, state: { abandoned: boolean }) {
  return async (sql: TransactionSql): Promise<unknown> => {
    let outcome: { value: unknown } | { error: unknown };
    try {
      outcome = { value: await body(guardSql(sql, state)) };
    } catch (error) {
      outcome = { error };
    }
    // A socket's error reaches the body a moment before its close reaches postgres.js: wait for the verdict.
    if ('error' in outcome && isConnectionLoss(outcome.error)) await closeGrace(state);
    if (state.abandoned) return new Promise<never>(() => {});
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  };
}

function guardSql(sql: TransactionSql, state: { abandoned: boolean }): TransactionSql {
  const alive = (): void => {
    if (state.abandoned)
      throw Object.assign(new Error('The database connection closed.'), { code: 'CONNECTION_CLOSED' });
  };
  return new Proxy(sql, {
    apply(target, thisArg, args) {
      alive();
      return Reflect.apply(target, thisArg, args) as unknown;
    },
    get(target, key, receiver) {
      if (key === 'unsafe') {
        const unsafe = preparedUnsafe(target);
        return (...args: Parameters<TransactionSql['unsafe']>) => {
          alive();
          return unsafe(...args);
        };
      }
      if (key === 'savepoint') {
        // drizzle's nested transactions: the savepoint's own ROLLBACK TO must not reach a dead connection either.
        return (body: TransactionBody) => {
          alive();
          return target.savepoint(guardBody(body, state));
        };
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

async function closeGrace(state: { abandoned: boolean }): Promise<void> {
  for (let waited = 0; waited < 100 && !state.abandoned; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const CONNECTION_LOSS_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'ECONNRESET',
  'EPIPE',
]);

/** Whether the error, or one it wraps (drizzle wraps driver errors as `cause`), says the socket is gone. */
function isConnectionLoss(error: unknown): boolean {
  for (let at = error, depth = 0; at !== null && typeof at === 'object' && depth < 5; depth++) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_LOSS_CODES.has(code)) return true;
    at = (at as { cause?: unknown }).cause;
  }
  return false;
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
        // One process owns the directory (file lock), so the advisory lock is only for symmetry.
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

/** Where a raw statement can run: the pool, a transaction, or a pipelined transaction (PostgreSQL). */
export type Runner = Queryable | PipelinedTx;

/** Runs a raw query and returns its rows, whichever driver is underneath. */
export async function queryRows<T>(db: Runner, query: SQL): Promise<T[]> {
  if ('commitWith' in db) return db.send<T>(query);
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** Serialises writers of one subject until the surrounding transaction ends. */
export async function lockSubject(tx: Tx | PipelinedTx, subject: string): Promise<void> {
  await queryRows(tx, sql`select pg_advisory_xact_lock(hashtextextended(${subjectLockKey(subject)}, 0))`);
}

/** `lockSubject`'s statement as text, for a script (see `PipelinePool.script`). */
export function subjectLockText(subject: string): string {
  return `select pg_advisory_xact_lock(hashtextextended(${literal(subjectLockKey(subject))}, 0))`;
}

const subjectLockKey = (subject: string) => `subject:${subject}`;
