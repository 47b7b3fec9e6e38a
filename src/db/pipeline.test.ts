import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, STORAGE } from '../../test/helpers/registry.ts';
import { openDatabase, queryRows, type DatabaseHandle } from './client.ts';
import { preparedTemplate } from './inline.ts';
import type { PipelinePool } from './pipeline.ts';

/** Pipelined transactions carry every registration on PostgreSQL; these pin down what they promise. */
describe.skipIf(STORAGE !== 'postgres')('pipelined transactions (postgres)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let handle: DatabaseHandle;
  let pool: PipelinePool;
  const values = async (): Promise<number[]> =>
    (await queryRows<{ v: number }>(handle.db, sql`select v from pipeline_t order by v`)).map((r) => r.v);

  beforeAll(async () => {
    database = await createTestDatabase();
    handle = await openDatabase({ databaseUrl: database.url, dataDir: 'unused', poolSize: 2 });
    await handle.db.execute(sql`create table pipeline_t (v int not null)`);
    pool = handle.pipelines!;
  });
  beforeEach(async () => {
    await handle.db.execute(sql`truncate pipeline_t`);
  });
  afterAll(async () => {
    await handle?.close();
    await database?.drop();
  });

  it('commits through commitWith and answers with the last write’s rows and those of the statements after it', async () => {
    const answer = await pool.transaction(async (tx) => {
      await tx.send(sql`insert into pipeline_t values (1)`);
      return tx.commitWith<{ v: number }>(
        sql`insert into pipeline_t values (2) returning v`,
        sql`insert into pipeline_t values (3) returning v * 10 as ten`,
      );
    });
    expect(answer).toEqual({ rows: [{ v: 2 }], after: [[{ ten: 30 }]] });
    expect(await values()).toEqual([1, 2, 3]);
  });

  it('rolls back a body that returns without commitWith, and one that throws', async () => {
    await pool.transaction(async (tx) => {
      await tx.send(sql`insert into pipeline_t values (1)`);
    });
    await expect(
      pool.transaction(async (tx) => {
        await tx.send(sql`insert into pipeline_t values (2)`);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    // The connections are usable afterwards, in order.
    await pool.transaction((tx) => tx.commitWith(sql`insert into pipeline_t values (3)`));
    expect(await values()).toEqual([3]);
  });

  it('throws the last statement’s error and writes nothing when it fails', async () => {
    await expect(
      pool.transaction(async (tx) => {
        await tx.send(sql`insert into pipeline_t values (1)`);
        return tx.commitWith(sql`insert into pipeline_t values (1 / 0)`);
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await values()).toEqual([]);
  });

  it('holds a lock taken in the first round trip until the commit', async () => {
    const order: string[] = [];
    const lock = sql`select pg_advisory_xact_lock(4242)`;
    let firstLocked = (): void => undefined;
    const locked = new Promise<void>((resolve) => (firstLocked = resolve));
    const first = pool.transaction(async (tx) => {
      await tx.send(lock);
      order.push('first locked');
      firstLocked();
      await new Promise((resolve) => setTimeout(resolve, 150));
      order.push('first commits');
      return tx.commitWith(sql`insert into pipeline_t values (1)`);
    });
    await locked;
    const second = pool.transaction(async (tx) => {
      await tx.send(lock);
      order.push('second locked');
      return tx.commitWith(sql`insert into pipeline_t values (2)`);
    });
    await Promise.all([first, second]);
    expect(order).toEqual(['first locked', 'first commits', 'second locked']);
  });

  it('a fenced write does nothing outside its transaction, even when the connection was replaced', async () => {
    // The fence is false on any other connection…
    await pool.transaction(async (tx) => {
      await handle.db.execute(sql`insert into pipeline_t select 1 where ${tx.fence}`);
      return tx.commitWith(sql`insert into pipeline_t select 2 where ${tx.fence}`);
    });
    expect(await values()).toEqual([2]);

    // …and on the same client after its connection dropped between round trips: postgres.js sends the
    // later statements on a new connection, outside the transaction and without its lock.
    const outcome = await pool
      .transaction(async (tx) => {
        const [row] = await tx.send<{ pid: number }>(sql`select pg_backend_pid() as pid`);
        await handle.db.execute(sql`select pg_terminate_backend(${row?.pid ?? 0})`);
        await new Promise((resolve) => setTimeout(resolve, 100));
        return tx.commitWith(sql`insert into pipeline_t select 3 where ${tx.fence} returning v`);
      })
      .then(
        ({ rows }) => ({ rows }),
        (error: unknown) => ({ error }),
      );
    expect('rows' in outcome ? outcome.rows : []).toEqual([]);
    expect(await values()).toEqual([2]);
  });
  describe('grouped scripts', () => {
    /** A member that inserts `v` and reports how many rows its transaction saw by then (its place in the run). */
    const member = (v: number, order: string) =>
      pool.groupScript({
        lock: `select pg_advisory_xact_lock(${5000 + v})`,
        statements: [
          `insert into pipeline_t values (${v}) returning (select count(*)::int from pipeline_t) as seen`,
        ],
        last: [],
        order,
      });

    it('sends the scripts handed in together as one, in their order, each answered with its own rows', async () => {
      const sent = vi.spyOn(pool, 'script');
      try {
        const results = await Promise.all([member(3, 'c'), member(1, 'a'), member(2, 'b')]);
        expect(sent).toHaveBeenCalledTimes(1);
        // Run in `order`: each member's count sees the rows of the members before it, not its own.
        expect(results.map((r) => r[0])).toEqual([[{ seen: 2 }], [{ seen: 0 }], [{ seen: 1 }]]);
        expect(await values()).toEqual([1, 2, 3]);
      } finally {
        sent.mockRestore();
      }
    });

    it('fails only the member that fails: the others are written once', async () => {
      const broken = pool.groupScript({
        lock: 'select pg_advisory_xact_lock(5009)',
        statements: ['insert into pipeline_t values (1 / 0) returning v'],
        last: [],
        order: 'b',
      });
      const results = await Promise.allSettled([member(1, 'a'), broken, member(3, 'c')]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/division by zero/);
      expect(await values()).toEqual([1, 3]);
    });

    it('fails every member, re-running none, when the group loses its session', async () => {
      const killer = pool.groupScript({
        lock: 'select 1',
        statements: ['select pg_terminate_backend(pg_backend_pid())'],
        last: [],
        order: 'a',
      });
      const results = await Promise.allSettled([killer, member(2, 'b')]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect(await values()).toEqual([]);
      // The pool carries on with a new session (as everywhere, the dead one may fail one more script first).
      const again = await member(3, 'c').catch(() => member(3, 'c'));
      expect(again[0]).toEqual([{ seen: 0 }]);
      expect(await values()).toEqual([3]);
    });

    it('takes every member’s lock before any member’s work, and runs every `last` statement after it', async () => {
      const locksHeld = `(select count(*)::int from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()
        and objid between 5101 and 5103)`;
      const grouped = (v: number) =>
        pool.groupScript({
          lock: `select pg_advisory_xact_lock(${5100 + v})`,
          statements: [`insert into pipeline_t values (${v}) returning ${locksHeld} as locks`],
          // Written only if every member's work is done by then.
          last: [
            `insert into pipeline_t select ${10 + v} where (select count(*) from pipeline_t where v < 10) = 3 returning v`,
          ],
          order: String(v),
        });
      const results = await Promise.all([grouped(2), grouped(1), grouped(3)]);
      // Each member gets its statements' rows, then its `last` statements' rows.
      expect(results).toEqual([2, 1, 3].map((v) => [[{ locks: 3 }], [{ v: 10 + v }]]));
      expect(await values()).toEqual([1, 2, 3, 11, 12, 13]);
    });

    it('answers each member with its own rows when its statements are prepared on first use', async () => {
      const insert = preparedTemplate(
        sql`insert into pipeline_t values (${sql.placeholder('v')}) returning v`,
      );
      const echo = preparedTemplate(sql`select ${sql.placeholder('v')}::int * 100 as hundred`);
      const prepared = (v: number) =>
        pool.groupScript({
          lock: `select pg_advisory_xact_lock(${5200 + v})`,
          statements: [insert({ v }), echo({ v })],
          last: [echo({ v: v + 1 })],
          order: String(v),
        });
      // Twice: the first time the group's message starts with the PREPAREs, the second time it does not.
      for (const round of [1, 2]) {
        const results = await Promise.all([prepared(round * 2), prepared(round * 2 + 1)]);
        expect(results).toEqual([
          [[{ v: round * 2 }], [{ hundred: round * 200 }], [{ hundred: round * 200 + 100 }]],
          [[{ v: round * 2 + 1 }], [{ hundred: round * 200 + 100 }], [{ hundred: round * 200 + 200 }]],
        ]);
      }
      expect(await values()).toEqual([2, 3, 4, 5]);
    });

    it('keeps scripts of different turns of the event loop apart', async () => {
      const sent = vi.spyOn(pool, 'script');
      try {
        await member(1, 'a');
        await member(2, 'b');
        expect(sent).toHaveBeenCalledTimes(2);
        expect(await values()).toEqual([1, 2]);
      } finally {
        sent.mockRestore();
      }
    });
  });
});
