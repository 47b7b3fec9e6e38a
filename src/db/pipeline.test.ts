import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, STORAGE } from '../../test/helpers/registry.ts';
import { openDatabase, queryRows, type DatabaseHandle } from './client.ts';
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

  it('commits through commitWith and answers with the last statement’s rows', async () => {
    const rows = await pool.transaction(async (tx) => {
      await tx.send(sql`insert into pipeline_t values (1)`);
      return tx.commitWith<{ v: number }>(sql`insert into pipeline_t values (2) returning v`);
    });
    expect(rows).toEqual([{ v: 2 }]);
    expect(await values()).toEqual([1, 2]);
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
        (rows) => ({ rows }),
        (error: unknown) => ({ error }),
      );
    expect('rows' in outcome ? outcome.rows : []).toEqual([]);
    expect(await values()).toEqual([2]);
  });
});
