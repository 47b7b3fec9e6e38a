import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvent } from '../../src/events/outbox.ts';
import type { RegistryEvent } from '../../src/events/types.ts';
import { startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { eventually, readWholeFeed } from './helpers.ts';

/**
 * The feed invariant: a reader that always asks for `after=<last seq seen>` never misses a committed event,
 * even when transactions commit in another order than they started (ids are allocated at insert time,
 * positions at commit time).
 */
describe.skipIf(STORAGE !== 'postgres')('feed positions follow commit order (postgres)', () => {
  let registry: TestRegistry;
  let sql: postgres.Sql;
  beforeAll(async () => {
    registry = await startRegistry();
    sql = postgres(registry.databaseUrl ?? '', { max: 12, onnotice: () => {} });
  });
  afterAll(async () => {
    await sql.end();
    await registry.close();
  });

  const writeEvent = (tx: postgres.TransactionSql, subject: string) =>
    tx`insert into events (event_type, subject, data) values ('schema.registered', ${subject},
       ${tx.json({ subject, version: 1, id: 1, schemaType: 'JSON' })})`;

  it('shows a transaction that committed late after the position a reader already passed', async () => {
    const subjectA = uniqueSubject('late-a');
    const subjectB = uniqueSubject('early-b');
    const aMayCommit = deferred();
    const aHasWritten = deferred();

    // Transaction A writes its event first (smaller id) but stays open.
    const txA = sql.begin(async (tx) => {
      await writeEvent(tx, subjectA);
      aHasWritten.resolve();
      await aMayCommit.promise;
    });
    await aHasWritten.promise;

    // Transaction B writes and commits; the relay gives it a position at once.
    await registry.deps.db.transaction(async (tx) =>
      recordEvent(tx, {
        type: 'schema.registered',
        subject: subjectB,
        data: { subject: subjectB, version: 1, id: 2, schemaType: 'JSON' },
      }),
    );
    registry.deps.events.committed();
    const firstRead = await eventually(async () => {
      const events = await readWholeFeed(registry);
      return events.some((e) => e.data['subject'] === subjectB) ? events : undefined;
    });
    expect(firstRead.some((e) => e.data['subject'] === subjectA)).toBe(false);
    const last = firstRead.at(-1)?.seq ?? 0;

    // A commits now; a reader continuing from where it stopped must see it.
    aMayCommit.resolve();
    await txA;
    registry.deps.events.committed();
    const secondRead = await eventually(async () => {
      const events = await readWholeFeed(registry, last);
      return events.length > 0 ? events : undefined;
    });
    const eventA = secondRead.find((e) => e.data['subject'] === subjectA);
    expect(eventA).toBeDefined();
    expect(eventA?.seq).toBeGreaterThan(last);
  });

  it('a reader polling after its last seq sees every event of many interleaved transactions exactly once', async () => {
    const subject = uniqueSubject('interleaved');
    const start = (await readWholeFeed(registry)).at(-1)?.seq ?? 0;
    const seen: RegistryEvent[] = [];
    let done = false;
    const reader = (async () => {
      let after = start;
      while (!done || seen.filter((e) => e.data['subject'] === subject).length < 40) {
        const page = await registry.call('GET', `/events?after=${after}&limit=7`);
        seen.push(...page.body.events);
        after = page.body.next;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();

    // 40 transactions, each holding its event for a random time before committing, 10 at a time.
    const writers = Array.from({ length: 40 }, (_, i) =>
      sql
        .begin(async (tx) => {
          await tx`insert into events (event_type, subject, data) values ('schema.registered', ${subject},
          ${tx.json({ subject, version: i + 1, id: i + 1, schemaType: 'JSON' })})`;
          await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 60)));
        })
        .then(() => registry.deps.events.committed()),
    );
    await Promise.all(writers);
    done = true;
    await reader;

    const mine = seen.filter((e) => e.data['subject'] === subject);
    expect(mine).toHaveLength(40);
    expect(new Set(mine.map((e) => e.data['version'])).size).toBe(40);
    const seqs = seen.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => start + 1 + i));
  });
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
