/**
 * allOf / anyOf / oneOf / not (reference §6, §7.1). Branch order never matters: branches are paired by
 * maximum bipartite matching. Unlike the peers, `oneOf` in the update is only treated like `anyOf` when
 * the matched branch provably excludes the others; an original `oneOf` is over-approximated by `anyOf`.
 */
import { difference, lift } from "./engine.js";
import { disjoint } from "./disjoint.js";
import { maximumMatching } from "./matching.js";
import { BASE_TYPES, compareSimple, splitByType } from "./simple.js";
import { newId } from "./types.js";
import { pick, picker, within } from "./witness.js";
import { wideSamples } from "./samples.js";
const isUnion = (n) => n.kind === 'anyOf' || n.kind === 'oneOf';
function firstWitness(diffs, e) {
    return diffs.find((d) => d.witness !== undefined && !e.ok([d]))?.witness;
}
/** Whether a document of `o` matched by branch `j` of the update oneOf can match no other branch. */
function exclusive(e, o, u, j) {
    if (u.kind === 'anyOf')
        return true;
    const b = u.branches[j];
    return u.branches.every((c, k) => k === j || b === undefined || disjoint(e, o, c) || disjoint(e, b, c));
}
/** Original not a union, update a union: some branch must take all of it (or each type part of it). */
function intoUnion(e, o, u) {
    const reasons = [];
    for (let j = 0; j < u.branches.length; j++) {
        const b = u.branches[j];
        if (b === undefined)
            continue;
        const d = e.sub(o, b);
        if (e.ok(d) && exclusive(e, o, u, j))
            return [difference('SUM_TYPE_EXTENDED', o.path, u.path), ...d];
        reasons.push(firstWitness(d, e));
    }
    if (o.kind === 'allOf') {
        for (const f of o.factors) {
            const d = e.sub(f, u);
            if (e.ok(d))
                return [difference('PRODUCT_TYPE_NARROWED', o.path, u.path), ...d];
        }
    }
    if (o.kind === 'simple' && (o.types === undefined || o.types.size > 1)) {
        const parts = splitByType(o).map((p) => e.sub(p, u));
        if (parts.every((d) => e.ok(d)))
            return parts.flat();
    }
    const rule = o.kind === 'allOf' || o.kind === 'not' || u.kind === 'oneOf'
        ? 'COMBINED_TYPE_SUBSCHEMAS_CHANGED'
        : 'TYPE_CHANGED';
    const detail = u.kind === 'oneOf'
        ? 'no oneOf branch takes every instance exactly once'
        : 'no anyOf branch takes every instance';
    const witness = () => pick(o, u, reasons.map((r) => r?.()));
    return [difference(rule, o.path, u.path, { detail }, witness)];
}
function unionVsUnion(e, o, u) {
    const out = [];
    if (o.kind !== u.kind && u.kind === 'anyOf')
        out.push(difference('COMBINED_TYPE_EXTENDED', o.path, u.path, { detail: 'oneOf → anyOf' }));
    if (u.branches.length > o.branches.length)
        out.push(difference('SUM_TYPE_EXTENDED', o.path, u.path));
    const diffs = o.branches.map((ob) => u.branches.map((ub) => e.sub(ob, ub)));
    const edges = o.branches.map((ob, i) => u.branches.flatMap((_, j) => (e.ok(diffs[i]?.[j] ?? []) && exclusive(e, ob, u, j) ? [j] : [])));
    const match = maximumMatching(edges, u.branches.length);
    const uncovered = o.branches.filter((_, i) => (match[i] ?? -1) < 0 && (edges[i]?.length ?? 0) === 0);
    if (uncovered.length > 0 &&
        o.kind === 'oneOf' &&
        u.kind === 'oneOf' &&
        o.branches.length === u.branches.length) {
        // Same branches up to order and equivalence: the same exclusive union.
        const same = o.branches.map((ob, i) => u.branches.flatMap((ub, j) => (e.ok(diffs[i]?.[j] ?? []) && e.ok(e.sub(ub, ob)) ? [j] : [])));
        if (maximumMatching(same, u.branches.length).every((j) => j >= 0))
            return out;
    }
    o.branches.forEach((_, i) => {
        const j = match[i] ?? -1;
        if (j >= 0)
            out.push(...(diffs[i]?.[j] ?? []));
    });
    for (const ob of uncovered) {
        const i = o.branches.indexOf(ob);
        const reasons = (diffs[i] ?? []).map((d) => firstWitness(d, e));
        const rule = o.kind === 'anyOf' && u.kind === 'oneOf'
            ? 'COMBINED_TYPE_CHANGED'
            : u.branches.length < o.branches.length
                ? 'SUM_TYPE_NARROWED'
                : 'COMBINED_TYPE_SUBSCHEMAS_CHANGED';
        const w = () => pick(o, u, [...reasons.map((r) => r?.()), ...wideSamples(ob)]);
        out.push(difference(rule, ob.path, u.path, { path: ob.path, detail: 'this branch has no compatible counterpart' }, w));
    }
    return out;
}
function productInto(e, o, u) {
    let best;
    for (const f of o.factors) {
        const d = e.sub(f, u);
        if (e.ok(d))
            return [difference('PRODUCT_TYPE_NARROWED', o.path, u.path), ...d];
        if (best === undefined || (f.kind === 'simple' && d.length > 0))
            best = d;
    }
    return best
        ? lift(best, within(o, u), e.policy)
        : [difference('TYPE_CHANGED', o.path, u.path, {}, picker(o, u))];
}
function notVsNot(e, o, u) {
    // ¬A ⊆ ¬B exactly when B ⊆ A: the excluded sets are compared the other way round.
    const d = e.sub(u.schema, o.schema);
    if (e.ok(d))
        return [difference('NOT_TYPE_NARROWED', o.path, u.path)];
    return [difference('NOT_TYPE_EXTENDED', o.path, u.path, {}, firstWitness(d, e))];
}
const complements = new WeakMap();
function notInto(e, o, u) {
    if (u.kind === 'simple' && u.types && !u.enum && !u.string && !u.number && !u.object && !u.array) {
        let rest = complements.get(u);
        if (rest === undefined) {
            const types = BASE_TYPES.filter((t) => !u.types?.has(t) && !(t === 'number' && u.types?.has('integer')));
            rest = { kind: 'simple', id: newId(), path: u.path, types: new Set(types) };
            complements.set(u, rest);
        }
        const d = e.sub(rest, o.schema);
        if (e.ok(d))
            return [];
        return [difference('TYPE_CHANGED', o.path, u.path, { detail: 'not → type' }, firstWitness(d, e))];
    }
    return [
        difference('TYPE_CHANGED', o.path, u.path, { detail: 'a "not" schema became a different kind of schema' }, picker(o, u)),
    ];
}
/** Dispatch for pairs where at least one side is combined; two simple nodes go to `compareSimple`. */
export function compareCombined(e, o, u) {
    if (u.kind === 'allOf')
        return u.factors.flatMap((f) => e.sub(o, f));
    if (isUnion(o)) {
        if (isUnion(u))
            return unionVsUnion(e, o, u);
        // A branch's witness may match two branches of an original oneOf: re-check it against the whole.
        return o.branches.flatMap((b) => lift(e.sub(b, u), within(o, u), e.policy));
    }
    if (isUnion(u))
        return intoUnion(e, o, u);
    if (o.kind === 'allOf')
        return productInto(e, o, u);
    if (o.kind === 'not')
        return u.kind === 'not' ? notVsNot(e, o, u) : notInto(e, o, u);
    if (u.kind === 'not') {
        if (disjoint(e, o, u.schema))
            return [];
        return [
            difference('TYPE_CHANGED', o.path, u.path, { detail: 'the update excludes instances with "not"' }, picker(o, u)),
        ];
    }
    if (o.kind === 'simple' && u.kind === 'simple')
        return compareSimple(e, o, u);
    return [difference('TYPE_CHANGED', o.path, u.path, {}, picker(o, u))];
}
