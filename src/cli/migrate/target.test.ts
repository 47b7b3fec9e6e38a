import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, STORAGE } from '../../../test/helpers/registry.ts';
import { checksumOf, type MigrationFile } from './files.ts';
import { splitStatements } from './statements.ts';
import { TargetDatabase } from './target.ts';

const timeouts = { lockTimeoutMs: 2_000, statementTimeoutMs: 10_000 };

function migration(version: string, up: string, transactional = true): MigrationFile {
  return {
    version,
    key: [Number(version)],
    description: `m${version}`,
    file: `V${version}__m${version}.sql`,
    path: `V${version}__m${version}.sql`,
    up,
    transactional,
    checksum: checksumOf(up),
    verify: [],
  };
}

// The runner's target is a real PostgreSQL database: its locks, transactions and timeouts are the point.
describe.skipIf(STORAGE !== 'postgres')('the migration runner on a target database', () => {
  let target: { url: string; drop: () => Promise<void> };
  let inspect: postgres.Sql;
  beforeAll(async () => {
    target = await createTestDatabase();
    inspect = postgres(target.url, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await inspect?.end();
    await target?.drop();
  });

  it('runs a migration in one transaction and records it in the database history', async () => {
    const db = await TargetDatabase.connect(target.url);
    await db.ensureHistory();
    const m = migration('1', 'create table a (id int primary key);\ninsert into a values (1);');
    const outcome = await db.runScript('svc', m, await splitStatements(m.up, m.file), {
      timeouts,
      transactional: true,
      undo: false,
    });
    expect(outcome).toMatchObject({ statementsTotal: 2, statementsApplied: 2 });
    expect(outcome.error).toBeUndefined();
    expect(await db.history('svc')).toEqual([{ version: '1', checksum: m.checksum }]);
    await db.close();
  });

  it('stops at the failing statement and leaves nothing of a transactional migration', async () => {
    const db = await TargetDatabase.connect(target.url);
    const m = migration(
      '2',
      "create table b (id int);\ninsert into b values ('x');\ncreate table c (id int);",
    );
    const outcome = await db.runScript('svc', m, await splitStatements(m.up, m.file), {
      timeouts,
      transactional: true,
      undo: false,
    });
    expect(outcome).toMatchObject({
      statementsTotal: 3,
      statementsApplied: 0,
      errorStatement: "insert into b values ('x')",
    });
    expect(outcome.error).toMatch(/invalid input syntax for type integer/);
    expect((await inspect`select to_regclass('b') as t`)[0]?.['t']).toBeNull();
    expect((await db.history('svc')).map((h) => h.version)).toEqual(['1']);
    await db.close();
  });

  it('runs a no-transaction migration statement by statement (CONCURRENTLY works), keeping what ran before a failure', async () => {
    const db = await TargetDatabase.connect(target.url);
    const ok = migration(
      '3',
      '-- schemata:no-transaction\ncreate index concurrently a_id_idx on a (id);',
      false,
    );
    const done = await db.runScript('svc', ok, await splitStatements(ok.up, ok.file), {
      timeouts,
      transactional: false,
      undo: false,
    });
    expect(done.error).toBeUndefined();
    const bad = migration(
      '4',
      '-- schemata:no-transaction\ncreate table d (id int);\nselect * from nowhere;',
      false,
    );
    const failed = await db.runScript('svc', bad, await splitStatements(bad.up, bad.file), {
      timeouts,
      transactional: false,
      undo: false,
    });
    expect(failed).toMatchObject({ statementsApplied: 1, errorStatement: 'select * from nowhere' });
    expect((await inspect`select to_regclass('d') is not null as t`)[0]?.['t']).toBe(true);
    expect((await db.history('svc')).map((h) => h.version).sort()).toEqual(['1', '3']);
    await db.close();
  });

  it('sets lock_timeout, so a migration waiting on a lock fails instead of queueing forever', async () => {
    const holder = postgres(target.url, { max: 1, onnotice: () => {} });
    const db = await TargetDatabase.connect(target.url);
    await holder.begin(async (tx) => {
      await tx`lock table a in access exclusive mode`;
      const m = migration('5', 'alter table a add column note text;');
      const outcome = await db.runScript('svc', m, await splitStatements(m.up, m.file), {
        timeouts: { lockTimeoutMs: 200, statementTimeoutMs: 10_000 },
        transactional: true,
        undo: false,
      });
      expect(outcome.error).toMatch(/lock timeout/);
    });
    await holder.end();
    await db.close();
  });

  it('lets one runner hold the database: a second waits, or refuses when it may not wait', async () => {
    const first = await TargetDatabase.connect(target.url);
    const second = await TargetDatabase.connect(target.url);
    await first.lock(0, () => {});
    await expect(second.lock(0, () => {})).rejects.toThrow(/another migration runner holds the lock/);
    let waited = false;
    const waiting = second.lock(10_000, () => (waited = true));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(waited).toBe(true);
    await first.close();
    await waiting;
    await second.close();
  });

  it('verify queries pass with no rows and fail with rows or errors', async () => {
    const db = await TargetDatabase.connect(target.url);
    const results = await db.verify(
      [
        { name: 'none', sql: 'select id from a where id < 0' },
        { name: 'some', sql: 'select id from a' },
        { name: 'broken', sql: 'select nope from a' },
      ],
      timeouts,
    );
    expect(results).toMatchObject([
      { name: 'none', passed: true, rows: 0 },
      { name: 'some', passed: false, rows: 1 },
      { name: 'broken', passed: false, rows: 0 },
    ]);
    expect(results[2]?.error).toMatch(/column "nope" does not exist/);
    await db.close();
  });
});
