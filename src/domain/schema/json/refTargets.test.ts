import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Draft } from './drafts.ts';
import { normalizeId } from './ajvFacts.ts';
import { PLAIN_FRAGMENT, refScope, resolvesSurely, type RefScope } from './refTargets.ts';

const ROOT_IDS = [
  undefined,
  '',
  '#',
  'http://x.com/root.json',
  'HTTP://X.COM/a/../root.json#',
  'http://x.com/root.json#frag',
  'root.json',
  'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66',
  'urn:x',
  'a b',
];

/** The scope of `root` identified by `id`, with a private cache so resolutions really run. */
function scopeOf(
  draft: Draft,
  id: string | undefined,
  registry?: ReadonlyMap<string, unknown>,
): RefScope | undefined {
  const scope = refScope(draft, id === undefined ? '' : normalizeId(id), registry);
  return scope && { ...scope, resolutions: new Map() };
}

const ROOT = {
  definitions: { a: { type: 'string' }, 'a/b': {}, chain: { $ref: '#/definitions/a' } },
  properties: { p: { items: [{ type: 'integer' }] } },
  'x-ext': { type: 'string' },
  enum: [{}],
};

describe('plain fragments', () => {
  it("resolve as ajv's resolver says, whatever the root's identifier", () => {
    const fragment = fc.oneof(
      fc.constantFrom('#/definitions/a', '#/definitions/a~1b', '#/properties/p/items/0', '#/x-ext', '#/'),
      fc.stringMatching(/^#[A-Za-z0-9\-._~!$&'()*+,;=:@/]{1,12}$/),
    );
    fc.assert(
      fc.property(fc.constantFrom(...ROOT_IDS), fragment, (id, ref) => {
        const scope = scopeOf('draft-07', id);
        // Without a usable scope (a URN ajv cannot serialize) nothing is proven at all.
        if (scope === undefined) return;
        const root = id === undefined ? ROOT : { ...ROOT, $id: id };
        const slow = { ...scope, plainFragmentsStayHere: false, resolutions: new Map() };
        expect(resolvesSurely(ref, root, scope)).toBe(resolvesSurely(ref, root, slow));
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('are exactly the fragment-only references made of characters URIs keep', () => {
    expect(PLAIN_FRAGMENT.test('#/definitions/a')).toBe(true);
    expect(PLAIN_FRAGMENT.test('#/$defs/a~1b')).toBe(true);
    for (const ref of ['#', 'a.json#/x', '#/a%20b', '#/a b', '#/a"b', '#/é']) {
      expect(PLAIN_FRAGMENT.test(ref)).toBe(false);
    }
  });
});

describe('resolvesSurely', () => {
  const resolves = (ref: string, id?: string, registry?: ReadonlyMap<string, unknown>): boolean => {
    const scope = scopeOf('draft-07', id, registry);
    return scope !== undefined && resolvesSurely(ref, id === undefined ? ROOT : { ...ROOT, $id: id }, scope);
  };

  it('proves pointers through sub-schema keywords, escapes included', () => {
    expect(resolves('#/definitions/a')).toBe(true);
    expect(resolves('#/definitions/a~1b')).toBe(true);
    expect(resolves('#/definitions/a%7E1b')).toBe(true);
    expect(resolves('#/properties/p/items/0')).toBe(true);
    expect(resolves('#/definitions/a', 'http://x.com/root.json')).toBe(true);
    expect(resolves('http://x.com/root.json#/definitions/a', 'http://x.com/root.json')).toBe(true);
  });

  it('leaves to ajv what it might not resolve', () => {
    for (const ref of [
      '#', // ajv only resolves it when the root has its own identifier
      '#/definitions/missing',
      '#/definitions/chain', // a $ref-only target: ajv follows it further
      '#/properties', // a map, not a schema
      '#/x-ext', // unknown keyword
      '#/enum/0', // instance data
      '#/definitions/%', // bad escape
      'other.json#/definitions/a',
      'http://json-schema.org/draft-07/schema#',
    ]) {
      expect(resolves(ref), ref).toBe(false);
    }
    expect(resolves('#', 'http://x.com/root.json')).toBe(true);
  });

  it('proves $refs to registry documents by the URI ajv holds them under', () => {
    const registry = new Map<string, unknown>([
      ['a.json', {}],
      ['https://example.com/b.json', {}],
    ]);
    expect(resolves('a.json', undefined, registry)).toBe(true);
    expect(resolves('https://example.com/b.json', 'http://x.com/root.json', registry)).toBe(true);
    // Resolved against the root's base, 'a.json' becomes http://x.com/a.json, which ajv does not hold.
    expect(resolves('a.json', 'http://x.com/root.json', registry)).toBe(false);
    expect(resolves('a.json#/definitions/x', undefined, registry)).toBe(false);
    // ajv looks up what it holds first: a registry URI shadows the document's own sub-schema.
    const shadowing = new Map<string, unknown>([['#/definitions/a', {}]]);
    expect(resolves('#/definitions/a', undefined, shadowing)).toBe(true);
    expect(resolves('#/definitions/a~1b', undefined, shadowing)).toBe(true);
  });
});

describe('findRefProblem', () => {
  it('resolves plain fragments as WHATWG URL does', () => {
    const bases = ['https://schemata.invalid/', 'http://x.com/a%20b.json', 'urn:x:y', 'file:///tmp/a.json'];
    const fragment = fc.stringMatching(/^#[A-Za-z0-9\-._~!$&'()*+,;=:@/]{1,12}$/);
    fc.assert(
      fc.property(fc.constantFrom(...bases), fragment, (base, ref) => {
        expect(base + ref).toBe(new URL(ref, base).href);
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});
