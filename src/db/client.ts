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
  const client = postgres(url, { max, onnotice: () => {}, connect_timeout: 10, idle_timeout: 60 });
  const db = drizzlePostgres({ client, schema: registrySchema }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    async migrate() {
      const session = await client.reserve();
      try {
        await session`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        // The lock lives on the reserved session; the migration itself runs on the pool.
        await migratePostgres(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await session`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => undefined);
        session.release();
      }
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
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
