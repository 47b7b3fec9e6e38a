import { describe, expect, it } from 'vitest';
import { ENGINE_RULES, isCompatibleRule, RESERVED_RULES, RULES } from './rules.ts';

describe('rule taxonomy (reference §4)', () => {
  it('has 65 ids compatible under both policies, 9 only under LENIENT, 55 never', () => {
    const verdicts = [...RULES.values()];
    expect(verdicts.filter(([s, l]) => s && l)).toHaveLength(65);
    expect(verdicts.filter(([s, l]) => !s && l)).toHaveLength(9);
    expect(verdicts.filter(([s, l]) => !s && !l)).toHaveLength(55);
    expect(verdicts.filter(([s, l]) => s && !l)).toHaveLength(0);
  });

  it.each([
    ['ADDITIONAL_PROPERTIES_REMOVED', false, true],
    ['ADDITIONAL_PROPERTIES_NARROWED', false, true],
    ['UNEVALUATED_PROPERTIES_REMOVED', false, true],
    ['UNEVALUATED_PROPERTIES_NARROWED', false, true],
    ['OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', false, true],
    ['REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL', false, true],
    ['PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', false, true],
    ['PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', false, true],
    ['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL', false, true],
    ['TYPE_CHANGED', false, false],
    ['MAX_LENGTH_INCREASED', true, true],
    ['ITEM_ADDED_TO_OPEN_CONTENT_MODEL', false, false],
  ])('%s: STRICT %s, LENIENT %s', (rule, strict, lenient) => {
    expect(isCompatibleRule(rule, 'STRICT')).toBe(strict);
    expect(isCompatibleRule(rule, 'LENIENT')).toBe(lenient);
  });

  it('never accepts engine (fail-closed), reserved or unknown ids', () => {
    for (const rule of [...ENGINE_RULES, ...RESERVED_RULES, 'NO_SUCH_RULE']) {
      expect(isCompatibleRule(rule, 'STRICT')).toBe(false);
      expect(isCompatibleRule(rule, 'LENIENT')).toBe(false);
    }
  });
});
