import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase } from '../../src/db/client.ts';
import { createTestDatabase, STORAGE } from '../helpers/registry.ts';

/**
 * A database written by a registry from before `0001_outbox_positions` (positions given later by the relay,
 * per-row publication marks) keeps every event on upgrade: rows the old relay had not numbered get the
 * next positions in id order, and everything it had not published is published by the new relay.
 */
describe.skipIf(STORAGE !== 'postgres')('upgrading the outbox to written positions (postgres)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let sql: postgres.Sql;
  beforeAll(async () => {
    database = await createTestDatabase();
    sql = postgres(database.url, { max: 1, onnotice: () => {} });
    // The database as the first migration left it, recorded the way drizzle's migrator records it.
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
      entries: { tag: string; when: number }[];
    };
    const first = journal.entries[0]!;
    for (const statement of readFileSync(join(MIGRATIONS_FOLDER, `${first.tag}.sql`), 'utf8').split(
      '--> statement-breakpoint',
    ))
      await sql.unsafe(statement);
    await sql.unsafe(`create schema drizzle;
      create table drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`);
    await sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('0000', ${first.when})`;
    // Published 1–2, numbered but unpublished 3, and two rows the old relay never numbered.
    const event = (n: number) => sql.json({ subject: 'upgraded', version: n, id: n, schemaType: 'JSON' });
    await sql`insert into events (seq, event_type, subject, data, published_at) values
      (1, 'schema.registered', 'upgraded', ${event(1)}, now()),
      (2, 'schema.registered', 'upgraded', ${event(2)}, now()),
      (3, 'schema.registered', 'upgraded', ${event(3)}, null),
      (null, 'schema.registered', 'upgraded', ${event(4)}, null),
      (null, 'schema.registered', 'upgraded', ${event(5)}, null)`;
  });
  afterAll(async () => {
    await sql?.end();
    await database?.drop();
  });

  it('numbers the pending rows in id order and starts publishing after the last published one', async () => {
    const handle = await openDatabase({ databaseUrl: database.url, dataDir: 'unused' });
    try {
      await handle.migrate();
    } finally {
      await handle.close();
    }
    const rows = await sql<{ seq: string; version: number }[]>`
      select seq, (data->>'version')::int as version from events order by id`;
    expect(rows.map((r) => [Number(r.seq), r.version])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
    const positions = await sql<
      { name: string; seq: string }[]
    >`select name, seq from outbox_positions order by name`;
    expect(positions.map((p) => [p.name, Number(p.seq)])).toEqual([
      ['head', 5],
      ['published', 2],
    ]);
  });
});
