import { describe, expect, it } from 'vitest';
import { Lru } from './lru.ts';

describe('Lru', () => {
  it('evicts the least recently used entry, counting reads as uses', () => {
    const lru = new Lru<number, string>(3);
    lru.set(1, 'a');
    lru.set(2, 'b');
    lru.set(3, 'c');
    expect(lru.get(1)).toBe('a'); // 1 is now the newest; 2 the oldest
    expect(lru.get(1)).toBe('a'); // reading the newest again changes nothing
    lru.set(4, 'd');
    expect(lru.get(2)).toBeUndefined();
    expect([lru.get(3), lru.get(1), lru.get(4)]).toEqual(['c', 'a', 'd']);
    lru.set(5, 'e'); // 3 is the oldest now
    expect(lru.get(3)).toBeUndefined();
    expect(lru.size).toBe(3);
  });

  it('forgets deleted and cleared entries, including the newest', () => {
    const lru = new Lru<string, number>(2);
    lru.set('x', 1);
    lru.delete('x');
    expect(lru.get('x')).toBeUndefined();
    lru.set('x', 2);
    lru.set('y', 3);
    lru.clear();
    expect([lru.get('x'), lru.get('y'), lru.size]).toEqual([undefined, undefined, 0]);
    lru.set('z', 4);
    lru.set('w', 5);
    lru.get('z');
    lru.set('v', 6);
    expect(lru.get('w')).toBeUndefined();
    expect(lru.get('z')).toBe(4);
  });
});
