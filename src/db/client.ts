import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { registrySchema } from './schema.ts';
import { acquireDataDirLock, type DataDirLock } from './dataDirLock.ts';

export type Database = PgDatabase<PgQueryResultHKT, typeof registrySchema>;
/** A transaction handle; services accept it so their writes can join a caller's transaction. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Queryable = Database | Tx;

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'embedded';
  /** Runs the registry's own migrations under an advisory lock (idempotent). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));
/** Advisory-lock key (int8) that serialises start-up migrations across instances. */
const MIGRATION_LOCK_KEY = 0x5c4e_0001;

/** Opens PostgreSQL through postgres.js when `databaseUrl` is set, else PGlite in `dataDir` (`memory://` for RAM). */
export async function openDatabase(options: {
  databaseUrl: string | undefined;
  dataDir: string;
  poolSize?: number;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl !== undefined) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openEmbedded(options.dataDir);
}

function openPostgres(url: string, max: number): DatabaseHandle {
  const client = postgres(url, {
    max,
    onnotice: () => {},
    // postgres.js lets an explicit option beat the URL; a timeout written in the URL (`?connect_timeout=2`) wins here.
    ...defaultsNotInUrl(url, { connect_timeout: 10, idle_timeout: 60 }),
  });
  const db = drizzlePostgres({ client: withGuardedTransactions(client), schema: registrySchema }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    async migrate() {
      // The lock lives on the reserved session; the migration itself runs on the pool.
      const session = await reserveGuarded(client, `select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
      try {
        await migratePostgres(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await quietly(() => session.sql.unsafe(`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`));
        session.release();
      }
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

function defaultsNotInUrl<T extends Record<string, number>>(url: string, defaults: T): Partial<T> {
  const given = new URL(url).searchParams;
  return Object.fromEntries(Object.entries(defaults).filter(([key]) => !given.has(key))) as Partial<T>;
}

/** Transactions for drizzle on guarded connections (see `reserveGuarded`) instead of postgres.js's `begin`. */
function withGuardedTransactions(client: Sql): Sql {
  const begin = async (...args: [TransactionBody] | [string, TransactionBody]): Promise<unknown> => {
    const [options, body] = args.length === 1 ? ['', args[0]] : args;
    const session = await reserveGuarded(client, `begin ${options.replace(/[^a-z ]/gi, '')}`.trim());
    try {
      const result = await body(session.sql);
      await session.sql.unsafe('commit');
      return result;
    } catch (error) {
      session.failed(error);
      // A lost connection took its transaction with it; writing ROLLBACK to it is what crashes postgres.js.
      if (!session.lost()) await quietly(() => session.sql.unsafe('rollback'));
      throw error;
    } finally {
      session.release();
    }
  };
  return new Proxy(client, { get: (target, key, receiver) => (key === 'begin' ? begin : Reflect.get(target, key, receiver)) });
}

type Sql = postgres.Sql;
type TransactionBody = (sql: Sql) => unknown;

/** The slice of postgres.js's connection object that its own `begin` uses to learn of a closed socket. */
interface ConnectionHook {
  onclose?: (() => void) | null;
}

interface GuardedSession {
  /** The reserved connection; throws a CONNECTION_CLOSED error instead of writing once the socket closed. */
  sql: Sql;
  lost(): boolean;
  /** Records a failure; without the connection hook, a connection-level error is the only sign of a lost socket. */
  failed(error: unknown): void;
  /** Hands a live connection back to the pool; a lost one stays in postgres.js's closed queue, which reconnects it. */
  release(): void;
}

/**
 * Reserves a connection that is never written to after its socket closed. postgres.js 3.4.9 throws an
 * uncaught TypeError from a timer (ending the process) when a statement is written to a closed
 * connection: its own `begin` does that with ROLLBACK whenever the database drops mid-transaction, and
 * releasing a dropped reserved connection puts it back in the pool for the next query to trip on.
 * `firstStatement` must have no parameters: executing it hands us the connection object.
 */
async function reserveGuarded(client: Sql, firstStatement: string): Promise<GuardedSession> {
  const reserved = await client.reserve();
  let lost = false;
  let released = false;
  let connection: ConnectionHook | undefined;
  const alive = (): void => {
    if (lost) throw Object.assign(new Error('The database connection closed.'), { code: 'CONNECTION_CLOSED' });
  };
  let savepoints = 0;
  const savepoint = async (body: TransactionBody): Promise<unknown> => {
    const name = `s${savepoints++}`;
    await sql.unsafe(`savepoint ${name}`);
    try {
      const result = await body(sql);
      await sql.unsafe(`release savepoint ${name}`);
      return result;
    } catch (error) {
      if (!lost) await quietly(() => sql.unsafe(`rollback to savepoint ${name}`));
      throw error;
    }
  };
  const sql: Sql = new Proxy(reserved, {
    apply(target, thisArg, args) {
      alive();
      return Reflect.apply(target, thisArg, args) as unknown;
    },
    get(target, key, receiver) {
      if (key === 'savepoint') return savepoint;
      if (key !== 'unsafe') return Reflect.get(target, key, receiver) as unknown;
      return (...args: Parameters<Sql['unsafe']>) => {
        alive();
        return target.unsafe(...args);
      };
    },
  });
  const session: GuardedSession = {
    sql,
    lost: () => lost,
    failed(error) {
      if (connection === undefined && isConnectionLoss(error)) lost = true;
    },
    release() {
      if (released || lost) return;
      released = true;
      if (connection !== undefined) connection.onclose = null;
      reserved.release();
    },
  };
  const onexecute = (c: ConnectionHook): boolean => {
    connection = c;
    c.onclose = () => {
      lost = true;
    };
    return true; // what postgres.js assumes when no hook is given: the connection takes more statements
  };
  try {
    await reserved.unsafe(firstStatement, [], { onexecute } as unknown as postgres.UnsafeQueryOptions);
  } catch (error) {
    session.failed(error);
    session.release();
    throw error;
  }
  return session;
}

const CONNECTION_LOSS_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECTION_ENDED', 'ECONNRESET', 'EPIPE']);

/** Whether the error, or one it wraps (drizzle wraps driver errors as `cause`), says the socket is gone. */
function isConnectionLoss(error: unknown): boolean {
  for (let at = error, depth = 0; at !== null && typeof at === 'object' && depth < 5; depth++) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_LOSS_CODES.has(code)) return true;
    at = (at as { cause?: unknown }).cause;
  }
  return false;
}

/** Runs a best-effort statement, ignoring its failure whether it throws or rejects. */
async function quietly(run: () => PromiseLike<unknown>): Promise<void> {
  try {
    await run();
  } catch {
    // Best effort: the caller is already on its way out with the error that matters.
  }
}

async function openEmbedded(dataDir: string): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith('memory://');
  let lock: DataDirLock | undefined;
  if (!inMemory) {
    mkdirSync(dataDir, { recursive: true });
    // PGlite silently loses writes when two processes share a directory: refuse instead.
    lock = acquireDataDirLock(dataDir);
  }
  try {
    const client = await PGlite.create(inMemory ? dataDir : `${dataDir}/pgdata`);
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

/** Runs a raw query and returns its rows, whichever driver is underneath. */
export async function queryRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** Serialises writers of one subject until the surrounding transaction ends. */
export async function lockSubject(tx: Tx, subject: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'subject:' + subject}, 0))`);
}
