import { sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../client.ts';

/** The registry id that migration 0002 stored; it never changes for the life of the database. */
export async function readRegistryId(db: Queryable): Promise<string> {
  const [row] = await queryRows<{ registry_id: string }>(db, sql`select registry_id from registry_identity`);
  if (row === undefined) throw new Error('the database has no registry id (migrations not applied?)');
  return row.registry_id;
}
