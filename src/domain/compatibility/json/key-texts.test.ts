import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical, isRecord } from './canonical.ts';
import { KeyTexts } from './key-texts.ts';

const REF_KEYS = ['$ref', '$dynamicRef', '$recursiveRef'];

/** The rule keys follow: no reference keyword anywhere, and nothing nested more than 64 levels deep. */
function keyable(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (Array.isArray(value)) return value.every((v) => keyable(v, depth + 1));
  if (!isRecord(value)) return true;
  return Object.entries(value).every(([k, v]) => !REF_KEYS.includes(k) && keyable(v, depth + 1));
}

function expected(raw: Record<string, unknown>, skip?: ReadonlySet<string>): string | undefined {
  if (!keyable(raw)) return undefined;
  return canonical(Object.fromEntries(Object.entries(raw).filter(([k]) => !skip?.has(k))));
}

/** Every object inside `value`, innermost first: the order normalisation keys subschemas in. */
function objectsBottomUp(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const v of value) objectsBottomUp(v, out);
  else if (isRecord(value)) {
    for (const v of Object.values(value)) objectsBottomUp(v, out);
    out.push(value);
  }
  return out;
}

const nest = (levels: number, leaf: unknown): unknown =>
  levels === 0 ? leaf : { a: nest(levels - 1, leaf) };

const key = fc.constantFrom('type', 'title', 'a', 'b', '$ref', '$dynamicRef', 'enum', 'x y', 'é');
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 4 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const SKIP: ReadonlySet<string> = new Set(['title', 'b']);

describe('subschema key texts', () => {
  it('are the canonical text without the skipped keys, or none when a reference or excess depth appears', () => {
    fc.assert(
      fc.property(fc.dictionary(key, json, { maxKeys: 5 }), (raw) => {
        // Keyed bottom-up with one memo, as one normalisation does, then cold.
        const texts = new KeyTexts();
        for (const o of objectsBottomUp(raw)) expect(texts.keyText(o, SKIP)).toBe(expected(o, SKIP));
        expect(new KeyTexts().keyText(raw, undefined)).toBe(expected(raw));
      }),
      { numRuns: 1500 },
    );
  });

  it('see references inside values and property names, not only as keywords of the subschema', () => {
    const texts = new KeyTexts();
    expect(texts.keyText({ type: 'string', examples: [{ $ref: '#' }] }, SKIP)).toBeUndefined();
    expect(texts.keyText({ properties: { $ref: { type: 'string' } } }, SKIP)).toBeUndefined();
    expect(texts.keyText({ enum: [{ a: { $recursiveRef: '#' } }] }, SKIP)).toBeUndefined();
  });

  it('count depth from the subschema being keyed, even when a memoised value is shared at several depths', () => {
    for (const levels of [60, 61, 62, 63, 64]) {
      const shared = { a: [{ b: 1 }] };
      const raw = { near: shared, far: nest(levels, shared) };
      const texts = new KeyTexts();
      expect(texts.keyText(shared, undefined)).toBe(canonical(shared));
      expect(texts.keyText(raw, undefined)).toBe(expected(raw));
    }
  });
});
