import { describe, expect, it } from 'vitest';
import { patternSamples } from './pattern-samples.ts';
import { isSafePattern, matchesEveryString, matchPattern, patternsDisjoint } from './patterns.ts';

describe('regex safety', () => {
  it.each([
    ['^[a-z]+$', true],
    ['^\\d{3}-\\d{4}$', true],
    ['(ab)?c', true],
    ['(a+)+$', false],
    ['(a|aa)*b', false],
    ['(\\w+\\s?)*$', false],
    ['(a)\\1', false],
    ['(?=a)a', false],
  ])('%s safe: %s', (source, safe) => {
    expect(isSafePattern(source)).toBe(safe);
  });

  it('never runs unsafe patterns or long subjects', () => {
    expect(matchPattern('(a+)+$', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')).toBeUndefined();
    expect(matchPattern('^a', 'a'.repeat(1000))).toBeUndefined();
    expect(matchPattern('^a', 'ab')).toBe(true);
  });

  it.each([
    ['a*', true],
    ['.*', true],
    ['', true],
    ['^', true],
    ['^.*', true],
    ['(x|)', true],
    ['^a*', true],
    ['^a+', false],
    ['a', false],
    ['^$', false],
    ['.*$', false],
    ['\\b', false],
    ['(?=a)?', false],
  ])('%s matches every string: %s', (source, every) => {
    expect(matchesEveryString(source)).toBe(every);
  });

  it.each([
    ['^S_', '^I_', true],
    ['^ab', '^a', false],
    ['^a?b', '^c', false],
    ['S_', 'I_', false],
  ])('%s and %s disjoint: %s', (a, b, want) => {
    expect(patternsDisjoint(a, b)).toBe(want);
  });

  it.each(['^[a-z]+$', '^\\d{3}-[A-Z]{2}$', '^(foo|bar)_\\w+$', 'x[0-9]?y', '^[^a-z]+$'])(
    'samples of %s match it',
    (source) => {
      const re = new RegExp(source, 'u');
      expect(patternSamples(source).some((s) => re.test(s))).toBe(true);
    },
  );
});
