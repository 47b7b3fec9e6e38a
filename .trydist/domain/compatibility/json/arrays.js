/** Array keywords: tuple positions and the rest schema (§5 array model), counts, contains, uniqueItems. */
import { pointer } from "./canonical.js";
import { difference } from "./engine.js";
import { isFalse, isTrue, trueAt } from "./nodes.js";
import { samples } from "./samples.js";
import { compareContains, compareCounts } from "./array-counts.js";
import { arrayWith, pick } from "./witness.js";
const EMPTY = (path) => ({
    path,
    prefix: [],
    restKeyword: 'items',
    tupleForm: false,
    emptyPassesContains: false,
});
function restOf(a, role) {
    if (a.rest)
        return { node: a.rest, keyword: a.restKeyword };
    if (a.unevaluated && (role === 'reader' || a.unevaluated.exact))
        return { node: a.unevaluated.node, keyword: 'unevaluatedItems' };
    return undefined;
}
function firstWitness(diffs, e) {
    return diffs.find((d) => d.witness !== undefined && !e.ok([d]))?.witness;
}
function comparePositions(e, oNode, o, u, oMax) {
    const out = [];
    const oRest = restOf(o, 'writer');
    const uRest = restOf(u, 'reader');
    const n = Math.max(o.prefix.length, u.prefix.length);
    for (let i = 0; i < n; i++) {
        const oPath = o.prefix[i]?.path ?? pointer(o.path, 'items', i);
        const uPath = u.prefix[i]?.path ?? pointer(u.path, 'items', i);
        const d = (rule, w) => difference(rule, oPath, uPath, { name: String(i), path: uPath }, w);
        if (i >= oMax) {
            if (i >= o.prefix.length && i < u.prefix.length)
                out.push(d('ITEM_ADDED_TO_CLOSED_CONTENT_MODEL'));
            continue;
        }
        const oi = o.prefix[i] ?? oRest?.node ?? trueAt(oPath);
        const ui = u.prefix[i] ?? uRest?.node ?? trueAt(uPath);
        const wrap = (v) => arrayWith(oNode, i, v);
        if (i < o.prefix.length && i < u.prefix.length) {
            out.push(...e.child(oi, ui, wrap));
        }
        else if (i < u.prefix.length) {
            const nested = e.child(oi, ui, wrap);
            const open = oRest === undefined || isTrue(oRest.node);
            if (open)
                out.push(e.ok(nested)
                    ? d('ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL')
                    : d('ITEM_ADDED_TO_OPEN_CONTENT_MODEL', firstWitness(nested, e)));
            else if (e.ok(nested))
                out.push(d('ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'), ...nested);
            else
                out.push(d('ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', firstWitness(nested, e)), ...nested);
        }
        else if (uRest === undefined || isTrue(uRest.node)) {
            out.push(d('ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL'));
        }
        else if (isFalse(uRest.node)) {
            if (isFalse(oi))
                out.push(d('ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL'));
            else
                out.push(d('ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL', () => wrap(samples(oi)[0] ?? null)));
        }
        else {
            const nested = e.child(oi, ui, wrap);
            if (e.ok(nested))
                out.push(d('ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'), ...nested);
            else
                out.push(d('ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', firstWitness(nested, e)), ...nested);
        }
    }
    return out;
}
function compareRest(e, oNode, o, u) {
    const oRest = restOf(o, 'writer');
    const uRest = restOf(u, 'reader');
    const at = Math.max(o.prefix.length, u.prefix.length);
    const oR = oRest?.node ?? trueAt(o.path);
    const uR = uRest?.node ?? trueAt(u.path);
    const wrap = (v) => arrayWith(oNode, at, v);
    if (!o.tupleForm && !u.tupleForm)
        return e.child(oR, uR, wrap);
    const restrictive = !isTrue(uR);
    const keyword = restrictive ? uRest?.keyword : oRest?.keyword;
    const prefix = keyword === 'unevaluatedItems' ? 'UNEVALUATED_ITEMS' : 'ADDITIONAL_ITEMS';
    const oPath = oRest ? pointer(o.path, oRest.keyword) : o.path;
    const uPath = uRest ? pointer(u.path, uRest.keyword) : u.path;
    const d = (change, w) => difference(`${prefix}_${change}`, oPath, uPath, { path: uPath }, w);
    if (!restrictive)
        return isTrue(oR) ? [] : [d(isFalse(oR) ? 'ADDED' : 'EXTENDED')];
    if (isFalse(oR))
        return isFalse(uR) ? [] : [d('ADDED')];
    if (isTrue(oR))
        return [
            d(isFalse(uR) ? 'REMOVED' : 'NARROWED', () => {
                const v = pick(oR, uR);
                return v === undefined ? undefined : wrap(v);
            }),
        ];
    if (isFalse(uR))
        return [d('REMOVED', () => wrap(samples(oR)[0] ?? null))];
    return e.child(oR, uR, wrap);
}
/** Differences of the array keywords of two simple nodes that both admit arrays. */
export function compareArray(e, oNode, uNode) {
    if (uNode.array === undefined)
        return [];
    const o = oNode.array ?? EMPTY(oNode.path);
    const u = uNode.array;
    const oRest = restOf(o, 'writer');
    const closedAt = oRest !== undefined && isFalse(oRest.node) ? o.prefix.length : Infinity;
    const oMax = Math.min(o.maxItems?.value ?? Infinity, closedAt);
    const out = comparePositions(e, oNode, o, u, oMax);
    if (oMax > Math.max(o.prefix.length, u.prefix.length))
        out.push(...compareRest(e, oNode, o, u));
    out.push(...compareCounts(oNode, uNode, o, u, oMax));
    out.push(...compareContains(e, oNode, uNode, o, u, oMax));
    return out;
}
