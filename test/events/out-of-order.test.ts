import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvent, type NewEvent } from '../../src/events/outbox.ts';
import type { RegistryEvent } from '../../src/events/types.ts';
import { startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { eventually, readWholeFeed } from './helpers.ts';

/**
 * The feed invariant: a reader that always asks for `after=<last seq seen>` never misses a committed event,
 * even when transactions start in one order and commit in another (an event takes its position when it is
 * written, and holds it locked to commit).
 */
describe.skipIf(STORAGE !== 'postgres')('feed positions follow commit order (postgres)', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry.close();
  });

  const event = (subject: string, version: number): NewEvent => ({
    type: 'schema.registered',
    subject,
    data: { subject, version, id: version, schemaType: 'JSON' },
    actor: null,
  });

  it('gives a transaction that started first but commits last a position after the ones a reader passed', async () => {
    const subjectA = uniqueSubject('late-a');
    const subjectB = uniqueSubject('early-b');
    const aMayWrite = deferred();
    const aHasStarted = deferred();

    // Transaction A starts first and stays open…
    const txA = registry.deps.db.transaction(async (tx) => {
      await tx.execute('select 1');
      aHasStarted.resolve();
      await aMayWrite.promise;
      await recordEvent(tx, event(subjectA, 1));
    });
    await aHasStarted.promise;

    // …while B writes its event and commits; a reader sees B.
    await registry.deps.db.transaction((tx) => recordEvent(tx, event(subjectB, 1)));
    registry.deps.events.committed();
    const firstRead = await readWholeFeed(registry);
    expect(firstRead.some((e) => e.data['subject'] === subjectB)).toBe(true);
    expect(firstRead.some((e) => e.data['subject'] === subjectA)).toBe(false);
    const last = firstRead.at(-1)?.seq ?? 0;

    // A commits now; a reader continuing from where it stopped must see it.
    aMayWrite.resolve();
    await txA;
    const secondRead = await readWholeFeed(registry, last);
    const eventA = secondRead.find((e) => e.data['subject'] === subjectA);
    expect(eventA?.seq).toBe(last + 1);
  });

  it('holds a position until its transaction ends: a later writer waits, and a reader sees neither early', async () => {
    const subjectA = uniqueSubject('holder');
    const subjectB = uniqueSubject('waiter');
    const aMayCommit = deferred();
    const aHasWritten = deferred();
    const before = (await readWholeFeed(registry)).at(-1)?.seq ?? 0;

    const txA = registry.deps.db.transaction(async (tx) => {
      await recordEvent(tx, event(subjectA, 1));
      aHasWritten.resolve();
      await aMayCommit.promise;
    });
    await aHasWritten.promise;
    let bDone = false;
    const txB = registry.deps.db
      .transaction((tx) => recordEvent(tx, event(subjectB, 1)))
      .then(() => (bDone = true));

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bDone).toBe(false);
    expect(await readWholeFeed(registry, before)).toEqual([]);

    aMayCommit.resolve();
    await Promise.all([txA, txB]);
    const after = await readWholeFeed(registry, before);
    expect(after.map((e) => [e.seq, e.data['subject']])).toEqual([
      [before + 1, subjectA],
      [before + 2, subjectB],
    ]);
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

    // 40 transactions, each spending a random time on its other work before its event, 10 at a time.
    const pause = () => new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 60)));
    const writers = Array.from({ length: 40 }, (_, i) =>
      registry.deps.db
        .transaction(async (tx) => {
          await tx.execute('select 1');
          await pause();
          await recordEvent(tx, event(subject, i + 1));
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

/** Events are never lost to a reader in embedded mode either (one connection: commit order is write order). */
describe('feed positions are dense and ordered', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry.close();
  });

  it('numbers the events of one transaction consecutively, in the order they were written', async () => {
    const subject = uniqueSubject('several');
    const before = (await readWholeFeed(registry)).at(-1)?.seq ?? 0;
    await registry.deps.db.transaction(async (tx) => {
      for (let version = 1; version <= 3; version += 1)
        await recordEvent(tx, {
          type: 'schema.registered',
          subject,
          data: { subject, version, id: version, schemaType: 'JSON' },
          actor: null,
        });
    });
    const after = await eventually(async () => {
      const events = await readWholeFeed(registry, before);
      return events.length === 3 ? events : undefined;
    });
    expect(after.map((e) => [e.seq, e.data['version']])).toEqual([
      [before + 1, 1],
      [before + 2, 2],
      [before + 3, 3],
    ]);
  });

  it('writes no position for a transaction that rolls back', async () => {
    const before = (await readWholeFeed(registry)).at(-1)?.seq ?? 0;
    await registry.deps.db
      .transaction(async (tx) => {
        await recordEvent(tx, {
          type: 'mode.changed',
          subject: 'rolled-back',
          data: { subject: 'rolled-back', mode: 'READONLY' },
          actor: null,
        });
        throw new Error('abandon');
      })
      .catch(() => undefined);
    await registry.deps.db.transaction((tx) =>
      recordEvent(tx, {
        type: 'mode.changed',
        subject: 'kept',
        data: { subject: 'kept', mode: null },
        actor: null,
      }),
    );
    const after = await readWholeFeed(registry, before);
    expect(after.map((e) => [e.seq, e.data['subject']])).toEqual([[before + 1, 'kept']]);
  });
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
