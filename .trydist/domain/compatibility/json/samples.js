/**
 * Small instances that a node accepts, for building counterexamples. Every returned value has been
 * checked with the evaluator (reader role, i.e. definitely valid); the list may be empty.
 */
import { evaluate } from "./evaluate.js";
import { PROBE_STRINGS, patternSamples } from "./pattern-samples.js";
const MAX_DEPTH = 6;
const LIMIT = 6;
const WIDE = 40;
const POOL = [null, true, 0, 1, '', 'a', [], {}, 1.5, false];
function unique(values) {
    const seen = new Set();
    return values.filter((v) => {
        const k = JSON.stringify(v);
        if (seen.has(k))
            return false;
        seen.add(k);
        return true;
    });
}
export function numberCandidates(n, integer) {
    const out = [0, 1, -1, 2, 10, 100, -100, 0.5, 7];
    if (n?.lower)
        out.push(n.lower.value, n.lower.value + 1, n.lower.value + 0.5, Math.ceil(n.lower.value) + 1);
    if (n?.upper)
        out.push(n.upper.value, n.upper.value - 1, n.upper.value - 0.5, Math.floor(n.upper.value) - 1);
    for (const m of n?.multipleOf ?? []) {
        out.push(m.value, m.value * 2, m.value * 3);
        if (n?.lower)
            out.push(Math.ceil(n.lower.value / m.value) * m.value, (Math.floor(n.lower.value / m.value) + 1) * m.value);
        if (n?.upper)
            out.push(Math.floor(n.upper.value / m.value) * m.value, (Math.ceil(n.upper.value / m.value) - 1) * m.value);
    }
    return out.filter((x) => Number.isFinite(x) && (!integer || Number.isInteger(x)));
}
export function stringCandidates(s) {
    const min = s?.minLength?.value ?? 0;
    const max = s?.maxLength?.value;
    const out = [];
    for (const p of s?.patterns ?? []) {
        for (const x of patternSamples(p.value)) {
            out.push(x);
            if (x.length < min)
                out.push(x + 'a'.repeat(min - x.length), 'a'.repeat(min - x.length) + x);
        }
    }
    out.push('a'.repeat(Math.min(min, 64)), 'a'.repeat(Math.min(min + 1, 64)), ...PROBE_STRINGS);
    if (max !== undefined && max <= 64)
        out.push('a'.repeat(max), 'x'.repeat(max));
    return out;
}
function objectCandidates(o, depth) {
    const rest = o.additional ?? o.unevaluated?.node;
    const pick = (name) => samples(o.properties.get(name) ?? rest ?? { kind: 'bool', id: 0, path: '#', value: true }, depth + 1)[0];
    const build = (names) => {
        const out = {};
        for (const n of names)
            out[n] = pick(n) ?? null;
        for (const [k, deps] of o.dependentRequired)
            if (Object.hasOwn(out, k))
                for (const d of deps.value)
                    out[d] ??= pick(d) ?? null;
        return out;
    };
    const required = [...o.required.keys()];
    const all = [...new Set([...required, ...o.properties.keys()])];
    const out = [build(required), build(all)];
    const min = o.minProperties?.value ?? 0;
    if (all.length < min) {
        const padded = build(all);
        for (let i = 0; Object.keys(padded).length < min && i < min + 4; i++)
            padded[`x${i}`] = pick(`x${i}`) ?? null;
        out.push(padded);
    }
    return out;
}
function arrayCandidates(a, depth) {
    const at = (i, k) => {
        const node = a.prefix[i] ?? a.rest ?? a.unevaluated?.node;
        const list = node ? samples(node, depth + 1) : POOL;
        return list[k % Math.max(list.length, 1)] ?? null;
    };
    const min = Math.max(a.minItems?.value ?? 0, a.prefix.length);
    const make = (n, k) => Array.from({ length: Math.min(n, 32) }, (_, i) => at(i, k + i));
    const out = [make(a.minItems?.value ?? 0, 0), make(min, 0), make(min, 1), make(min + 1, 0)];
    if (a.contains) {
        const c = samples(a.contains, depth + 1)[0];
        if (c !== undefined) {
            const times = Math.max(a.minContains?.value ?? 1, 1);
            out.push([...Array.from({ length: Math.min(times, 32) }, () => c)], [...make(a.prefix.length, 0), c]);
        }
    }
    return out;
}
function typeCandidates(node, t, depth) {
    switch (t) {
        case 'null':
            return [null];
        case 'boolean':
            return [true, false];
        case 'integer':
        case 'number':
            return numberCandidates(node.number, t === 'integer');
        case 'string':
            return stringCandidates(node.string);
        case 'object':
            return node.object ? objectCandidates(node.object, depth) : [{}, { a: 1 }];
        case 'array':
            return node.array ? arrayCandidates(node.array, depth) : [[], [null], [1, 'a'], [1, 1]];
    }
}
function simpleCandidates(node, depth) {
    if (node.enum)
        return node.enum.values.slice(0, 64);
    const types = node.types
        ? [...node.types]
        : [
            ...(node.object ? ['object'] : []),
            ...(node.array ? ['array'] : []),
            ...(node.string ? ['string'] : []),
            ...(node.number ? ['number'] : []),
            'null',
            'boolean',
            'string',
            'integer',
            'object',
            'array',
        ];
    // Interleave the types so that a short prefix of the list already covers every type.
    const lists = [...new Set(types)].map((t) => typeCandidates(node, t, depth));
    const out = [];
    for (let i = 0; lists.some((l) => i < l.length); i++)
        for (const l of lists)
            if (i < l.length)
                out.push(l[i]);
    return out;
}
function candidates(node, depth) {
    switch (node.kind) {
        case 'bool':
            return node.value ? [...POOL] : [];
        case 'invalid':
            return [];
        case 'ref':
            return wideSamples(node.resolve(), depth + 1);
        case 'simple':
            return simpleCandidates(node, depth);
        case 'anyOf':
        case 'oneOf':
            return node.branches.flatMap((b) => samples(b, depth + 1));
        case 'allOf': {
            const main = node.factors.find((f) => f.kind === 'simple') ?? node.factors[0];
            return main ? candidates(main, depth + 1) : [];
        }
        case 'not':
            return [...POOL, 'x', -1, [null], { a: 1 }];
    }
}
/** Up to a handful of values `node` definitely accepts. */
export function samples(node, depth = 0) {
    return wideSamples(node, depth).slice(0, LIMIT);
}
/** More (up to 40) values `node` definitely accepts, covering every admitted type early. */
export function wideSamples(node, depth = 0) {
    const cached = cache.get(node);
    if (cached !== undefined)
        return cached;
    if (depth > MAX_DEPTH)
        return [];
    cache.set(node, []);
    const valid = unique(candidates(node, depth))
        .filter((v) => evaluate(node, v, 'reader'))
        .slice(0, WIDE);
    cache.set(node, valid);
    return valid;
}
const cache = new WeakMap();
