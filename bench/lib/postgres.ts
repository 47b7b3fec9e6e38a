import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

export interface ScratchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A new, empty database on the server `baseUrl` points at, so a run never measures or pollutes real data. */
export async function createScratchDatabase(baseUrl: string, label: string): Promise<ScratchDatabase> {
  const name = `schemata_bench_${label}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const again = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await again.end();
    },
  };
}

/**
 * Committed transactions in one database so far, from pg_stat_database. The statistics collector flushes
 * with a delay of up to a second, so read it only after the load has stopped and a pause.
 */
export async function committedTransactions(baseUrl: string, database: string): Promise<number> {
  const sql = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<
      { n: string }[]
    >`select xact_commit::text as n from pg_stat_database where datname = ${database}`;
    return Number(rows[0]?.n ?? Number.NaN);
  } finally {
    await sql.end();
  }
}
