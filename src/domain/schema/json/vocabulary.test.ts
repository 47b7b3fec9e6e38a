import { describe, expect, it } from 'vitest';
import { sharedAjv, type Draft } from './drafts.ts';
import { ajvFacts } from './ajvFacts.ts';
import { vocabularyOf, type Shape } from './vocabulary.ts';

const DRAFTS: Record<Draft, string> = {
  'draft-04': 'http://json-schema.org/draft-04/schema',
  'draft-06': 'http://json-schema.org/draft-06/schema',
  'draft-07': 'http://json-schema.org/draft-07/schema',
  '2019-09': 'https://json-schema.org/draft/2019-09/schema',
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
};

const metaValid = (draft: Draft, doc: Record<string, unknown>): boolean =>
  sharedAjv(draft).validateSchema({ $schema: DRAFTS[draft], ...doc }) === true;

/** The keyword's value with `schema` placed where the shape says sub-schemas go. */
function holding(shape: Shape, schema: unknown): unknown {
  if (shape === 'list' || shape === 'schemaOrList') return [schema];
  if (shape === 'map' || shape === 'dependencies') return { x: schema };
  return schema;
}

const entries = (draft: Draft): Array<[string, Shape]> => [...vocabularyOf(draft)];

describe.each(Object.keys(DRAFTS) as Draft[])('the %s vocabulary', (draft) => {
  it('names only positions the meta-schema validates as schemas', () => {
    for (const [keyword, shape] of entries(draft)) {
      if (!['schema', 'list', 'schemaOrList', 'map', 'dependencies'].includes(shape)) continue;
      expect(metaValid(draft, { [keyword]: holding(shape, { type: 'string' }) }), keyword).toBe(true);
      expect(metaValid(draft, { [keyword]: holding(shape, { type: 'no-such-type' }) }), keyword).toBe(false);
    }
  });

  it('calls a value plain only when the meta-schema refuses an object there', () => {
    // Objects under such keywords are never indexed for identifiers, so none may get through.
    // (A `$schema` that is not a string is refused before meta-validation: unknown draft.)
    for (const [keyword, shape] of entries(draft)) {
      if (shape !== 'value' || keyword === '$schema') continue;
      expect(metaValid(draft, { [keyword]: { $id: 'x', id: 'x' } }), keyword).toBe(false);
    }
  });

  it('leaves to ajv exactly the keywords it compiles that the meta-schema does not check', () => {
    const left = [...ajvFacts(draft).rules].filter((keyword) => !vocabularyOf(draft).has(keyword));
    const dynamic = ['$dynamicAnchor', '$dynamicRef', '$recursiveAnchor', '$recursiveRef'];
    const expected: Record<Draft, string[]> = {
      'draft-04': ['$ref', 'nullable', 'if', 'then', 'else', 'propertyNames', 'contains'],
      'draft-06': ['$ref', 'nullable', 'if', 'then', 'else'],
      'draft-07': ['$ref', 'nullable'],
      '2019-09': [...dynamic, '$ref', 'nullable'],
      '2020-12': [...dynamic, '$ref', 'nullable'],
    };
    expect(left.sort()).toEqual(expected[draft].sort());
  });
});
