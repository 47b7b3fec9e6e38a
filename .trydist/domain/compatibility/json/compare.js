/** The per-pair dispatch the engine memoises: fail-closed nodes, finite originals, then structure. */
import { compareCombined } from "./combinators.js";
import { difference } from "./engine.js";
import { compareFinite, finiteOf } from "./finite.js";
import { samples } from "./samples.js";
import { newId } from "./types.js";
const asSimple = new WeakMap();
export function dispatch(e, o, u) {
    if (o.kind === 'invalid')
        return [difference(o.rule, o.path, u.path, { path: o.path, detail: o.reason })];
    if (u.kind === 'invalid')
        return [difference(u.rule, o.path, u.path, { detail: u.reason })];
    const fin = finiteOf(e, o);
    if (fin !== undefined)
        return compareFinite(e, fin, u);
    if (u.kind === 'bool') {
        return [
            difference('TYPE_CHANGED', o.path, u.path, { detail: 'the update accepts nothing here' }, () => samples(o)[0]),
        ];
    }
    if (o.kind === 'bool') {
        let anything = asSimple.get(o);
        if (anything === undefined) {
            anything = { kind: 'simple', id: newId(), path: o.path };
            asSimple.set(o, anything);
        }
        return compareCombined(e, anything, u);
    }
    return compareCombined(e, o, u);
}
