import { createHash } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase } from '../../src/db/client.ts';

/** Registers one schema; resolves to its latency in milliseconds. */
export type Register = (subject: string, schema: Record<string, unknown>) => Promise<number>;

export interface RawRegistrar {
  register: Register;
  close(): Promise<void>;
}

/**
 * The floor any registry has to pay per registration: one transaction that takes the subject lock, inserts
 * the schema row (deduplicated by fingerprint), allocates the next version, inserts the version and the
 * outbox event with its feed position. Same tables (migrated by the registry's own migrations), same pool size as the registry.
 */
export async function openRawRegistrar(url: string): Promise<RawRegistrar> {
  const handle = await openDatabase({ databaseUrl: url, dataDir: 'unused' });
  await handle.migrate();
  await handle.close();
  const sql = postgres(url, { max: 10, onnotice: () => {} });
  const register: Register = async (subject, schema) => {
    const started = performance.now();
    const text = JSON.stringify(schema);
    const fingerprint = createHash('sha256').update(`JSON\n${text}\n[]`).digest('hex');
    await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtextextended(${'subject:' + subject}, 0))`;
      const inserted = await tx<{ id: string }[]>`
        insert into schemas (schema_type, schema, fingerprint) values ('JSON', ${text}, ${fingerprint})
        on conflict (fingerprint) do update set fingerprint = excluded.fingerprint returning id::text`;
      const id = Number(inserted[0]?.id);
      const next = await tx<{ v: number }[]>`
        select coalesce(max(version), 0) + 1 as v from subject_versions where subject = ${subject}`;
      const version = next[0]?.v ?? 1;
      await tx`insert into subject_versions (subject, version, schema_id) values (${subject}, ${version}, ${id})`;
      const data = { subject, version, id, schemaType: 'JSON' };
      // The event row takes its feed position as the registry's do (the schema has no other way to write one).
      await tx`with position as (update outbox_positions set seq = seq + 1 where name = 'head' returning seq)
        insert into events (seq, event_type, subject, data)
        select seq, 'schema.registered', ${subject}, ${sql.json(data)} from position`;
    });
    return performance.now() - started;
  };
  return { register, close: () => sql.end({ timeout: 5 }) };
}
