/**
 * Building blocks for counterexamples: a value the original accepts and the update rejects, and
 * containers (objects, arrays) that carry such a value at a given place. Results are candidates only;
 * the counterexample module confirms every document with ajv before returning it.
 */
import { evaluate } from "./evaluate.js";
import { matchPattern } from "./patterns.js";
import { patternSamples } from "./pattern-samples.js";
import { samples, wideSamples } from "./samples.js";
function collect(node, lengths, numbers, depth) {
    if (depth > 4)
        return;
    switch (node.kind) {
        case 'anyOf':
        case 'oneOf':
            node.branches.forEach((b) => collect(b, lengths, numbers, depth + 1));
            return;
        case 'allOf':
            node.factors.forEach((f) => collect(f, lengths, numbers, depth + 1));
            return;
        case 'not':
            collect(node.schema, lengths, numbers, depth + 1);
            return;
        case 'simple': {
            for (const k of [node.string?.minLength, node.string?.maxLength])
                if (k)
                    lengths.add(k.value);
            for (const b of [node.number?.lower, node.number?.upper])
                if (b)
                    numbers.add(b.value);
            for (const m of node.number?.multipleOf ?? [])
                numbers.add(m.value);
            return;
        }
        default:
            return;
    }
}
/** Boundary values of both schemas (lengths and numbers ± 1), where counterexamples usually live. */
function hints(o, u) {
    const lengths = new Set();
    const numbers = new Set();
    collect(o, lengths, numbers, 0);
    collect(u, lengths, numbers, 0);
    const out = [];
    for (const n of lengths)
        for (const k of [n - 1, n, n + 1])
            if (k >= 0 && k <= 256)
                out.push('a'.repeat(k));
    for (const n of numbers)
        out.push(n, n + 1, n - 1, n + 0.5, n - 0.5, n * 2, n * 3);
    return out;
}
/** First candidate (then sample of `o`) definitely in `o` and definitely outside `u`. */
export function pick(o, u, extra = []) {
    for (const v of extra)
        if (evaluate(o, v, 'reader') && !evaluate(u, v, 'writer'))
            return v;
    for (const v of wideSamples(o))
        if (!evaluate(u, v, 'writer'))
            return v;
    for (const v of hints(o, u))
        if (evaluate(o, v, 'reader') && !evaluate(u, v, 'writer'))
            return v;
    return undefined;
}
/** A lazy witness from `pick`. */
export function picker(o, u, extra = () => []) {
    return () => pick(o, u, extra());
}
/** Keeps a child witness when it is valid under the whole original `o`, else searches `o` directly. */
export function within(o, u) {
    return (v) => (evaluate(o, v, 'reader') && !evaluate(u, v, 'writer') ? v : pick(o, u, [v]));
}
function valueFor(obj, name) {
    const declared = obj.properties.get(name);
    if (declared)
        return samples(declared)[0] ?? null;
    for (const p of obj.patterns)
        if (matchPattern(p.source, name))
            return samples(p.node)[0] ?? null;
    const rest = obj.additional ?? obj.unevaluated?.node;
    return rest ? (samples(rest)[0] ?? null) : null;
}
/**
 * An object shaped by the original's object keywords, with `entries` set and `omit` left out:
 * required and co-required properties are filled from samples, `minProperties` is padded.
 */
export function objectWith(node, entries, omit) {
    const obj = node.object;
    const out = {};
    if (obj === undefined)
        return { ...entries };
    for (const r of obj.required.keys())
        if (r !== omit)
            out[r] = valueFor(obj, r);
    Object.assign(out, entries);
    for (let changed = true, rounds = 0; changed && rounds < 8; rounds++) {
        changed = false;
        for (const [k, deps] of obj.dependentRequired) {
            if (!Object.hasOwn(out, k))
                continue;
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
        if (Object.keys(out).length >= min)
            break;
        if (name !== omit && !Object.hasOwn(out, name))
            out[name] = valueFor(obj, name);
    }
    return out;
}
/** Object candidates carrying `value` under `name`, for lifting a property's witness. */
export function objectCarrying(node, name, value) {
    return objectWith(node, { [name]: value });
}
/** An array valid-ish under the original with `value` at `index`. */
export function arrayWith(node, index, value) {
    const arr = node.array;
    if (index > 64)
        return undefined;
    const min = Math.max(arr?.minItems?.value ?? 0, index + 1);
    const out = [];
    for (let i = 0; i < min && i < 64; i++) {
        if (i === index)
            out.push(value);
        else {
            const schema = arr?.prefix[i] ?? arr?.rest ?? arr?.unevaluated?.node;
            out.push(schema ? (samples(schema)[0] ?? null) : null);
        }
    }
    if (arr?.contains && !out.some((x) => arr.contains && evaluate(arr.contains, x, 'reader'))) {
        const c = samples(arr.contains)[0];
        if (c !== undefined)
            out.push(c);
    }
    return out;
}
const FRESH = ['zz', 'extra', 'x_1', 'k9', 'other', 'S_z', 'I_z', 'a', 'b'];
/** A property name declared by neither side, matching no pattern of `avoid`, accepted by `node`. */
export function freshName(node, avoid, match) {
    const mine = node.object;
    for (const name of [...(match ? patternSamples(match) : []), ...FRESH]) {
        if (mine?.properties.has(name) || avoid?.properties.has(name))
            continue;
        if (match !== undefined && matchPattern(match, name) !== true)
            continue;
        const patterns = [...(mine?.patterns ?? []), ...(avoid?.patterns ?? [])];
        if (match === undefined && patterns.some((p) => matchPattern(p.source, name) !== false))
            continue;
        if (mine?.propertyNames && !evaluate(mine.propertyNames, name, 'reader'))
            continue;
        return name;
    }
    return undefined;
}
