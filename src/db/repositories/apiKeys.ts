import { asc, eq, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../client.ts';
import { apiKeys } from '../schema.ts';

/** A stored API key as the registry reads it (the secret only as its hash). */
export interface ApiKeyRow {
  id: string;
  secretHash: string;
  role: string;
  /** The subject prefixes the key is confined to; null when it sees every subject. */
  subjects: string[] | null;
  description: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const columns = {
  id: apiKeys.id,
  secretHash: apiKeys.secretHash,
  role: apiKeys.role,
  subjects: apiKeys.subjects,
  description: apiKeys.description,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
};

// Both drivers hand timestamps back as Date, but PGlite and postgres.js differ on jsonb nulls: normalise.
const toRow = (row: Omit<ApiKeyRow, 'subjects'> & { subjects: unknown }): ApiKeyRow => ({
  ...row,
  subjects: Array.isArray(row.subjects) ? (row.subjects as string[]) : null,
  createdAt: new Date(row.createdAt),
  lastUsedAt: row.lastUsedAt === null ? null : new Date(row.lastUsedAt),
});

export async function insertKey(
  tx: Tx,
  key: Pick<ApiKeyRow, 'id' | 'secretHash' | 'role' | 'subjects' | 'description'>,
): Promise<ApiKeyRow> {
  const rows = await tx.insert(apiKeys).values(key).returning(columns);
  const row = rows[0];
  if (row === undefined) throw new Error('inserting an API key returned no row');
  return toRow(row);
}

export async function findKey(db: Queryable, id: string): Promise<ApiKeyRow | undefined> {
  const rows = await db.select(columns).from(apiKeys).where(eq(apiKeys.id, id));
  return rows[0] === undefined ? undefined : toRow(rows[0]);
}

/** Every stored key, oldest first. */
export async function listKeyRows(db: Queryable): Promise<ApiKeyRow[]> {
  const rows = await db.select(columns).from(apiKeys).orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
  return rows.map(toRow);
}

/** Removes the key; returns it, or undefined when there was none. */
export async function deleteKey(tx: Tx, id: string): Promise<ApiKeyRow | undefined> {
  const rows = await tx.delete(apiKeys).where(eq(apiKeys.id, id)).returning(columns);
  return rows[0] === undefined ? undefined : toRow(rows[0]);
}

/** Records a use of the key (callers do it at most once a minute per key, not per request). */
export async function touchKey(db: Queryable, id: string, at: Date): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`greatest(${apiKeys.lastUsedAt}, ${at.toISOString()}::timestamptz)` })
    .where(eq(apiKeys.id, id));
}
