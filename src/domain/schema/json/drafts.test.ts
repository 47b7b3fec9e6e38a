import { describe, expect, it } from 'vitest';
import { createAjv, detectDraft, type Draft } from './drafts.ts';

describe('createAjv', () => {
  it.each<Draft>(['draft-06', 'draft-07', '2019-09', '2020-12'])(
    'treats a plain id as an annotation in %s',
    (draft) => {
      const validate = createAjv(draft).compile({
        id: 'http://example.com/a.json',
        properties: { a: { id: 'nested', type: 'string' } },
      });
      expect(validate({ a: 'x' })).toBe(true);
      expect(validate({ a: 1 })).toBe(false);
    },
  );

  it('keeps id as the identifier in draft-04', () => {
    const validate = createAjv('draft-04').compile({
      id: 'http://example.com/root.json',
      definitions: { name: { id: 'name.json', type: 'string' } },
      properties: { a: { $ref: 'name.json' } },
    });
    expect(validate({ a: 'x' })).toBe(true);
    expect(validate({ a: 1 })).toBe(false);
  });

  it('reads the draft from $schema, http or https, with or without the trailing #', () => {
    expect(detectDraft({ $schema: 'https://json-schema.org/draft-04/schema' })).toBe('draft-04');
    expect(detectDraft({ $schema: 'http://json-schema.org/draft/2020-12/schema#' })).toBe('2020-12');
    expect(detectDraft({})).toBe('draft-07');
    expect(detectDraft({ $schema: 'http://example.com/meta' })).toBeUndefined();
  });
});
