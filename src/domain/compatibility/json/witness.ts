/**
 * Building blocks for counterexamples: a value the original accepts and the update rejects, and
 * containers (objects, arrays) that carry such a value at a given place. Results are candidates only;
 * the counterexample module confirms every document with ajv before returning it.
 */
import { evaluate } from './evaluate.ts';
import { matchPattern } from './patterns.ts';
import { samples } from './samples.ts';
import type { Node, ObjectConstraints, SimpleNode } from './types.ts';

/** First candidate (then sample of `o`) definitely in `o` and definitely outside `u`. */
export function pick(o: Node, u: Node, extra: readonly unknown[] = []): unknown {
  for (const v of extra) if (evaluate(o, v, 'reader') && !evaluate(u, v, 'writer')) return v;
  for (const v of samples(o)) if (!evaluate(u, v, 'writer')) return v;
  return undefined;
}

/** A lazy witness from `pick`. */
export function picker(o: Node, u: Node, extra: () => readonly unknown[] = () => []): () => unknown {
  return () => pick(o, u, extra());
}

function valueFor(obj: ObjectConstraints, name: string): unknown {
  const declared = obj.properties.get(name);
  if (declared) return samples(declared)[0] ?? null;
  for (const p of obj.patterns) if (matchPattern(p.source, name)) return samples(p.node)[0] ?? null;
  const rest = obj.additional ?? obj.unevaluated?.node;
  return rest ? (samples(rest)[0] ?? null) : null;
}

/**
 * An object shaped by the original's object keywords, with `entries` set and `omit` left out:
 * required and co-required properties are filled from samples, `minProperties` is padded.
 */
export function objectWith(node: SimpleNode, entries: Record<string, unknown>, omit?: string): Record<string, unknown> {
  const obj = node.object;
  const out: Record<string, unknown> = {};
  if (obj === undefined) return { ...entries };
  for (const r of obj.required.keys()) if (r !== omit) out[r] = valueFor(obj, r);
  Object.assign(out, entries);
  for (let changed = true, rounds = 0; changed && rounds < 8; rounds++) {
    changed = false;
    for (const [k, deps] of obj.dependentRequired) {
      if (!Object.hasOwn(out, k)) continue;
      for (const d of deps.value) {
        if (d !== omit && !Object.hasOwn(out, d)) {
          out[d] = valueFor(obj, d);
          changed = true;
        }
      }
    }
  }
  const min = obj.minProperties?.value ?? 0;
  for (const name of obj.properties.keys()) {
    if (Object.keys(out).length >= min) break;
    if (name !== omit && !Object.hasOwn(out, name)) out[name] = valueFor(obj, name);
  }
  return out;
}

/** Object candidates carrying `value` under `name`, for lifting a property's witness. */
export function objectCarrying(node: SimpleNode, name: string, value: unknown): Record<string, unknown> {
  return objectWith(node, { [name]: value });
}

/** An array valid-ish under the original with `value` at `index`. */
export function arrayWith(node: SimpleNode, index: number, value: unknown): unknown[] | undefined {
  const arr = node.array;
  if (index > 64) return undefined;
  const min = Math.max(arr?.minItems?.value ?? 0, index + 1);
  const out: unknown[] = [];
  for (let i = 0; i < min && i < 64; i++) {
    if (i === index) out.push(value);
    else {
      const schema = arr?.prefix[i] ?? arr?.rest ?? arr?.unevaluated?.node;
      out.push(schema ? (samples(schema)[0] ?? null) : null);
    }
  }
  if (arr?.contains && !out.some((x) => arr.contains && evaluate(arr.contains, x, 'reader'))) {
    const c = samples(arr.contains)[0];
    if (c !== undefined) out.push(c);
  }
  return out;
}

const FRESH = ['zz', 'extra', 'x_1', 'k9', 'other', 'S_z', 'I_z', 'a', 'b'];

/** A property name declared by neither side, matching no pattern of `avoid`, accepted by `node`. */
export function freshName(node: SimpleNode, avoid: ObjectConstraints | undefined, match?: string): string | undefined {
  const mine = node.object;
  for (const name of [...FRESH, ...(match ? [`${match.replace(/[\^$]/g, '')}z`] : [])]) {
    if (mine?.properties.has(name) || avoid?.properties.has(name)) continue;
    if (match !== undefined && matchPattern(match, name) !== true) continue;
    if (match === undefined && avoid?.patterns.some((p) => matchPattern(p.source, name) !== false)) continue;
    if (mine?.propertyNames && !evaluate(mine.propertyNames, name, 'reader')) continue;
    return name;
  }
  return undefined;
}
