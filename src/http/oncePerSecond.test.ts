import { describe, expect, it } from 'vitest';
import { OncePerSecond } from './oncePerSecond.ts';

describe('OncePerSecond', () => {
  it('acts once per second and cause, then reports how many calls it swallowed', () => {
    let now = 0;
    const throttle = new OncePerSecond(() => now);
    const acted: Array<[string, number]> = [];
    const run = (cause: string) => throttle.run(cause, (suppressed) => acted.push([cause, suppressed]));
    run('ECONNREFUSED');
    run('ECONNREFUSED');
    run('57P01');
    now = 999;
    run('ECONNREFUSED');
    now = 1_000;
    run('ECONNREFUSED');
    expect(acted).toEqual([
      ['ECONNREFUSED', 0],
      ['57P01', 0],
      ['ECONNREFUSED', 2],
    ]);
  });
});
