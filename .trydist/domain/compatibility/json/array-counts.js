/** Array counts and `contains`: minItems/maxItems, uniqueItems, contains/minContains/maxContains. */
import { difference } from "./engine.js";
import { emptyPassesContains } from "./evaluate.js";
import { samples } from "./samples.js";
import { arrayWith, pick } from "./witness.js";
export function compareContains(e, oNode, uNode, o, u, oMax) {
    const out = [];
    const witness = () => pick(oNode, uNode);
    const uc = u.contains;
    if (uc === undefined)
        return o.contains
            ? [difference('SCHEMA_REMOVED', o.contains.path, u.path, { path: o.contains.path })]
            : [];
    const uMin = u.minContains?.value ?? 1;
    const oMin = o.contains ? (o.minContains?.value ?? 1) : 0;
    // ajv lets an empty array through `contains` when a tuple prefix is present; mirror it both ways.
    const oEmpty = (o.minItems?.value ?? 0) === 0 && (o.contains === undefined || emptyPassesContains(o));
    if (uMin > 0 && oEmpty && !emptyPassesContains(u) && o.contains !== undefined) {
        out.push(difference('MIN_CONTAINS_ADDED', o.path, u.path, { detail: 'empty arrays' }, () => []));
    }
    if (uMin > 0) {
        if (o.contains === undefined)
            out.push(difference('SCHEMA_ADDED', o.path, uc.path, { path: uc.path, detail: 'contains' }, witness));
        else {
            out.push(...e.child(o.contains, uc, (v) => arrayWith(oNode, 0, v)));
            if (uMin > oMin)
                out.push(difference(u.minContains && o.minContains ? 'MIN_CONTAINS_INCREASED' : 'MIN_CONTAINS_ADDED', o.path, u.path, { from: oMin, to: uMin }, witness));
        }
    }
    if (u.maxContains !== undefined && oMax > u.maxContains.value) {
        const covered = o.contains !== undefined &&
            o.maxContains !== undefined &&
            o.maxContains.value <= u.maxContains.value &&
            e.ok(e.sub(uc, o.contains));
        if (!covered)
            out.push(difference(o.maxContains ? 'MAX_CONTAINS_DECREASED' : 'MAX_CONTAINS_ADDED', o.path, u.path, { from: o.maxContains?.value, to: u.maxContains.value }, witness));
    }
    return out;
}
export function compareCounts(oNode, uNode, o, u, oMax) {
    const out = [];
    const long = () => {
        const length = Math.min(oMax, (u.maxItems?.value ?? 0) + 1);
        if (length > 40 || length < 1)
            return undefined;
        const schema = o.prefix[length - 1] ?? o.rest ?? (o.unevaluated?.exact ? o.unevaluated.node : undefined);
        const value = schema ? (samples(schema)[0] ?? null) : null;
        return pick(oNode, uNode, [arrayWith(oNode, length - 1, value)]);
    };
    const witness = () => pick(oNode, uNode);
    const oMinItems = o.minItems?.value ?? 0;
    if (u.minItems && u.minItems.value > oMinItems) {
        out.push(difference(o.minItems ? 'MIN_ITEMS_INCREASED' : 'MIN_ITEMS_ADDED', o.path, u.path, { from: o.minItems?.value, to: u.minItems.value }, witness));
    }
    else if (o.minItems && (u.minItems?.value ?? 0) < o.minItems.value) {
        out.push(difference(u.minItems ? 'MIN_ITEMS_DECREASED' : 'MIN_ITEMS_REMOVED', o.path, u.path, {
            from: o.minItems.value,
            to: u.minItems?.value,
        }));
    }
    if (u.maxItems && u.maxItems.value < oMax) {
        out.push(difference(o.maxItems ? 'MAX_ITEMS_DECREASED' : 'MAX_ITEMS_ADDED', o.path, u.path, { from: o.maxItems?.value, to: u.maxItems.value }, long));
    }
    else if (o.maxItems && (u.maxItems?.value ?? Infinity) > o.maxItems.value) {
        out.push(difference(u.maxItems ? 'MAX_ITEMS_INCREASED' : 'MAX_ITEMS_REMOVED', o.path, u.path, {
            from: o.maxItems.value,
            to: u.maxItems?.value,
        }));
    }
    if (u.uniqueItems?.value && !o.uniqueItems?.value && oMax > 1) {
        const dup = () => {
            const s = samples(oNode).find((v) => Array.isArray(v) && v.length > 0);
            const extra = Array.isArray(s)
                ? [
                    [...s, s[s.length - 1]],
                    [s[0], s[0]],
                ]
                : [];
            return pick(oNode, uNode, [...extra, [null, null], [1, 1], ['a', 'a'], [{}, {}], [[], []]]);
        };
        out.push(difference('UNIQUE_ITEMS_ADDED', o.path, u.path, {}, dup));
    }
    else if (o.uniqueItems?.value && !u.uniqueItems?.value)
        out.push(difference('UNIQUE_ITEMS_REMOVED', o.path, u.path));
    return out;
}
