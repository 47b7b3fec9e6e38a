/** Constructors for normal-form nodes, and the intersection (`allOf`) builder that merges simple parts. */
import { mergeSimple } from "./merge.js";
import { newId } from "./types.js";
export function boolNode(value, path, key) {
    return key === undefined
        ? { kind: 'bool', id: newId(), path, value }
        : { kind: 'bool', id: newId(), path, value, key };
}
export function invalidNode(rule, reason, path) {
    return { kind: 'invalid', id: newId(), path, rule, reason };
}
export function notNode(schema, path) {
    return { kind: 'not', id: newId(), path, schema };
}
export function typeNode(types, path) {
    return { kind: 'simple', id: newId(), path, types: new Set(types) };
}
const trues = new Map();
/** A shared `true` node per path, so that synthetic "anything" schemas keep a stable identity (memo keys). */
export function trueAt(path) {
    let node = trues.get(path);
    if (node === undefined) {
        if (trues.size > 20_000)
            trues.clear();
        node = boolNode(true, path);
        trues.set(path, node);
    }
    return node;
}
export const isTrue = (n) => n.kind === 'bool' && n.value;
export const isFalse = (n) => n.kind === 'bool' && !n.value;
/** A union; a single branch is that branch (exact for both anyOf and oneOf). */
export function unionNode(kind, branches, path) {
    const live = branches.filter((b) => !isFalse(b));
    if (kind === 'anyOf' && live.some(isTrue))
        return boolNode(true, path);
    const only = live[0];
    if (only === undefined)
        return boolNode(false, path);
    if (live.length === 1)
        return only;
    const node = { kind, id: newId(), path, branches: live };
    return node;
}
/** Intersection of nodes: flattens nested products, drops `true`, merges simple parts where exact. */
export function productNode(parts, path) {
    // A lone factor that is neither a product to flatten nor `true` is the product (most subschemas).
    const only = parts.length === 1 ? parts[0] : undefined;
    if (only !== undefined && only.kind !== 'allOf' && !isTrue(only))
        return only;
    const flat = [];
    for (const p of parts) {
        if (p.kind === 'allOf' && p.writerFactors === undefined)
            flat.push(...p.factors);
        else
            flat.push(p);
    }
    const factors = [];
    for (const f of flat) {
        if (isTrue(f))
            continue;
        if (isFalse(f))
            return f;
        if (factors.includes(f))
            continue;
        if (f.kind === 'simple') {
            let merged;
            let at = -1;
            for (let i = 0; i < factors.length && merged === undefined; i++) {
                const g = factors[i];
                if (g !== undefined && g.kind === 'simple') {
                    merged = mergeSimple(g, f, conj);
                    at = i;
                }
            }
            if (merged !== undefined) {
                if (isFalse(merged))
                    return merged;
                factors[at] = merged;
                continue;
            }
        }
        factors.push(f);
    }
    if (factors.length === 0)
        return boolNode(true, path);
    if (factors.length === 1)
        return factors[0] ?? boolNode(true, path);
    const node = { kind: 'allOf', id: newId(), path, factors };
    return node;
}
/** `a ∧ b`, merged into one simple node when that is exact. */
export function conj(a, b) {
    if (isTrue(a) || a === b)
        return b;
    if (isTrue(b))
        return a;
    return productNode([a, b], a.path);
}
/**
 * Pushes the simple part of a product into its unions (S ∧ (A ∨ B) = (S∧A) ∨ (S∧B); also exact for oneOf),
 * so that keywords beside a combinator are compared together with each branch.
 */
export function distribute(node, maxBranches = 8) {
    if (node.kind !== 'allOf' || node.writerFactors !== undefined)
        return node;
    const simples = node.factors.filter((f) => f.kind === 'simple');
    const unions = node.factors.filter((f) => f.kind === 'anyOf' || f.kind === 'oneOf');
    const s = simples[0];
    if (simples.length !== 1 || s === undefined || unions.length === 0)
        return node;
    if (unions.some((u) => u.branches.length > maxBranches))
        return node;
    const rest = node.factors
        .filter((f) => f !== s)
        .map((f) => {
        if (f.kind !== 'anyOf' && f.kind !== 'oneOf')
            return f;
        return unionNode(f.kind, f.branches.map((b) => conj(s, b)), f.path);
    });
    return productNode(rest, node.path);
}
