/** Object counts (minProperties/maxProperties) and `propertyNames` (covariant, §7.6). */
import { pointer } from "./canonical.js";
import { difference } from "./engine.js";
import { evaluate } from "./evaluate.js";
import { isFalse } from "./nodes.js";
import { governing } from "./object-model.js";
import { samples } from "./samples.js";
import { objectCarrying, objectWith, pick } from "./witness.js";
export function compareCounts(oNode, uNode, o, u) {
    // Only bounds produce differences here: skip building the witness closures when there are none.
    if (!o.minProperties && !o.maxProperties && !u.minProperties && !u.maxProperties)
        return [];
    const out = [];
    const many = () => {
        const all = Object.fromEntries([...o.properties].map(([k, n]) => [k, samples(n)[0] ?? null]));
        const target = (u.maxProperties?.value ?? 0) + 1;
        for (let i = 0; Object.keys(all).length < target && i < target + 8 && target <= 64; i++) {
            const name = `x${i}`;
            if (!Object.hasOwn(all, name))
                all[name] = samples(governing(o, name, 'writer').node)[0] ?? null;
        }
        return pick(oNode, uNode, [objectWith(oNode, all)]);
    };
    const few = () => pick(oNode, uNode, [objectWith(oNode, {})]);
    const oMin = Math.max(o.minProperties?.value ?? 0, o.required.size);
    if (u.minProperties && u.minProperties.value > oMin) {
        const rule = o.minProperties ? 'MIN_PROPERTIES_INCREASED' : 'MIN_PROPERTIES_ADDED';
        out.push(difference(rule, o.path, u.path, { from: o.minProperties?.value, to: u.minProperties.value }, few));
    }
    else if (o.minProperties && (u.minProperties?.value ?? 0) < o.minProperties.value) {
        out.push(difference(u.minProperties ? 'MIN_PROPERTIES_DECREASED' : 'MIN_PROPERTIES_REMOVED', o.path, u.path, {
            from: o.minProperties.value,
            to: u.minProperties?.value,
        }));
    }
    const closed = o.patterns.length === 0 && o.additional !== undefined && isFalse(o.additional);
    const oMax = Math.min(o.maxProperties?.value ?? Infinity, closed ? o.properties.size : Infinity);
    if (u.maxProperties && u.maxProperties.value < oMax) {
        const rule = o.maxProperties ? 'MAX_PROPERTIES_DECREASED' : 'MAX_PROPERTIES_ADDED';
        out.push(difference(rule, o.path, u.path, { from: o.maxProperties?.value, to: u.maxProperties.value }, many));
    }
    else if (o.maxProperties && (u.maxProperties?.value ?? Infinity) > o.maxProperties.value) {
        out.push(difference(u.maxProperties ? 'MAX_PROPERTIES_INCREASED' : 'MAX_PROPERTIES_REMOVED', o.path, u.path, {
            from: o.maxProperties.value,
            to: u.maxProperties?.value,
        }));
    }
    return out;
}
export function comparePropertyNames(e, oNode, o, u) {
    const pu = u.propertyNames;
    if (pu === undefined)
        return o.propertyNames ? [difference('SCHEMA_REMOVED', pointer(o.path, 'propertyNames'), u.path)] : [];
    const at = pointer(u.path, 'propertyNames');
    const named = (v) => typeof v === 'string'
        ? objectCarrying(oNode, v, samples(governing(o, v, 'writer').node)[0] ?? null)
        : undefined;
    if (o.propertyNames)
        return e.child(o.propertyNames, pu, named);
    const closed = o.patterns.length === 0 && o.additional !== undefined && isFalse(o.additional);
    const names = closed
        ? [...o.properties.keys()].filter((n) => !isFalse(governing(o, n, 'writer').node))
        : undefined;
    const bad = names === undefined
        ? ['zz', 'a', 'A', '0', 'x-y', 'long_property_name'].find((n) => !evaluate(pu, n, 'writer'))
        : names.find((n) => !evaluate(pu, n, 'reader'));
    if (names !== undefined && bad === undefined)
        return [];
    return [
        difference('SCHEMA_ADDED', o.path, at, { path: at, detail: 'propertyNames' }, bad === undefined ? undefined : () => named(bad)),
    ];
}
