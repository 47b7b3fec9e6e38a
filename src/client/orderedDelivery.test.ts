import { describe, expect, it } from 'vitest';
import { OrderedDelivery } from './orderedDelivery.ts';

interface E {
  seq: number;
}

/** A feed of events 1..head held in memory; `failNext` makes the next read fail once. */
function memoryFeed(head: number, pageSize = 3) {
  const state = { head, reads: 0, failNext: false };
  const readAfter = async (after: number) => {
    state.reads += 1;
    if (state.failNext) {
      state.failNext = false;
      throw new Error('feed unavailable');
    }
    const events: E[] = [];
    for (let seq = after + 1; seq <= state.head && events.length < pageSize; seq++) events.push({ seq });
    const more = events.length === pageSize;
    return { events, next: more ? (events.at(-1)?.seq ?? after) : Math.max(after, state.head), more };
  };
  return { state, readAfter };
}

function collector(
  start: number,
  head: number,
  options: { pageSize?: number; resetThreshold?: number } = {},
) {
  const feed = memoryFeed(head, options.pageSize);
  const delivered: number[] = [];
  const resets: number[] = [];
  const delivery = new OrderedDelivery<E>({
    position: start,
    readAfter: feed.readAfter,
    deliver: (event) => void delivered.push(event.seq),
    reset: (target) => (resets.push(target), target - 1),
    resetThreshold: options.resetThreshold,
    retryDelayMs: 1,
  });
  return { feed, delivered, resets, delivery };
}

describe('OrderedDelivery', () => {
  it('passes consecutive live events straight through without reading the feed', async () => {
    const { feed, delivered, delivery } = collector(0, 3);
    for (const seq of [1, 2, 3]) delivery.offer({ seq });
    await delivery.idle();
    expect(delivered).toEqual([1, 2, 3]);
    expect(feed.state.reads).toBe(0);
  });

  it('drops duplicates and events at or below the position (at-least-once publishing)', async () => {
    const { delivered, delivery } = collector(5, 8);
    for (const seq of [4, 5, 6, 6, 7, 6, 8, 8]) delivery.offer({ seq });
    await delivery.idle();
    expect(delivered).toEqual([6, 7, 8]);
  });

  it('fills a gap from the feed before delivering the event that revealed it', async () => {
    const { delivered, delivery } = collector(0, 9);
    delivery.offer({ seq: 1 });
    delivery.offer({ seq: 9 });
    await delivery.idle();
    expect(delivered).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(delivery.position).toBe(9);
  });

  it('catches up to the head on demand, page by page', async () => {
    const { delivered, delivery } = collector(2, 10, { pageSize: 3 });
    delivery.catchUp();
    await delivery.idle();
    expect(delivered).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('resets instead of replaying a gap wider than the threshold', async () => {
    const { delivered, resets, delivery } = collector(0, 500, { resetThreshold: 100 });
    delivery.offer({ seq: 500 });
    await delivery.idle();
    expect(resets).toEqual([500]);
    expect(delivered).toEqual([500]);
  });

  it('retries from the feed after a failed read and still delivers everything in order', async () => {
    const { feed, delivered, delivery } = collector(0, 4);
    feed.state.failNext = true;
    delivery.offer({ seq: 4 });
    for (let wait = 0; delivered.length < 4 && wait < 500; wait++) await new Promise((r) => setTimeout(r, 5));
    expect(delivered).toEqual([1, 2, 3, 4]);
    expect(feed.state.reads).toBeGreaterThan(1);
  });

  it('bounds the live queue of a slow deliverer and recovers the dropped events from the feed', async () => {
    const feed = memoryFeed(50, 10);
    const delivered: number[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const delivery = new OrderedDelivery<E>({
      position: 0,
      readAfter: feed.readAfter,
      deliver: async (event) => {
        if (event.seq === 1) await gate;
        delivered.push(event.seq);
      },
      maxQueue: 5,
    });
    for (let seq = 1; seq <= 50; seq++) delivery.offer({ seq });
    release();
    await delivery.idle();
    expect(delivered).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });
});
