import { describe, expect, it } from 'vitest';
import { ajvMultipleOf, isMultipleOf, toDecimal } from './decimal.ts';

describe('exact decimals for multipleOf', () => {
  it.each([
    [0.3, 0.1, true],
    [0.1, 0.3, false],
    [10, 5, true],
    [7, 13, false],
    [1e-7, 1e-8, true],
    [2.5, 0.5, true],
    [1, 0.3, false],
    [1e21, 3, false],
  ])('%s is a multiple of %s: %s', (a, b, want) => {
    expect(isMultipleOf(a, b)).toBe(want);
  });

  it('refuses non-finite numbers and zero divisors', () => {
    expect(toDecimal(Number.NaN)).toBeUndefined();
    expect(isMultipleOf(1, 0)).toBeUndefined();
  });

  it('mirrors ajv’s floating point test for instances', () => {
    expect(ajvMultipleOf(0.3, 0.1)).toBe(false);
    expect(ajvMultipleOf(6, 3)).toBe(true);
  });
});
