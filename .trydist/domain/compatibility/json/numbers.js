/** Numeric keywords: effective bounds (§7.7) and exact `multipleOf` (§7.3). */
import { isMultipleOf } from "./decimal.js";
import { difference } from "./engine.js";
import { numberCandidates } from "./samples.js";
import { picker } from "./witness.js";
const EMPTY = { multipleOf: [] };
function name(b) {
    return b.keyword.replace(/([A-Z])/g, '_$1').toUpperCase();
}
/** For integer-only originals a bound is the nearest integer it admits (exclusive 11 ≡ inclusive 10). */
function effective(b, side, integer) {
    if (b === undefined)
        return undefined;
    if (!integer)
        return { v: b.value, ex: b.exclusive };
    if (side === 'upper')
        return { v: b.exclusive ? Math.ceil(b.value) - 1 : Math.floor(b.value), ex: false };
    return { v: b.exclusive ? Math.floor(b.value) + 1 : Math.ceil(b.value), ex: false };
}
function compareBound(o, u, side, integer, witness) {
    const ob = (o.number ?? EMPTY)[side];
    const ub = (u.number ?? EMPTY)[side];
    const oe = effective(ob, side, integer);
    const ue = effective(ub, side, integer);
    const oPath = ob?.path ?? o.path;
    const uPath = ub?.path ?? u.path;
    const facts = { from: ob?.value, to: ub?.value };
    if (ob === undefined || oe === undefined) {
        return ub === undefined ? [] : [difference(`${name(ub)}_ADDED`, oPath, uPath, facts, witness)];
    }
    if (ub === undefined || ue === undefined)
        return [difference(`${name(ob)}_REMOVED`, oPath, uPath, facts)];
    const sign = side === 'upper' ? 1 : -1;
    const beyond = sign * (oe.v - ue.v) > 0 || (oe.v === ue.v && !oe.ex && ue.ex);
    const within = sign * (ue.v - oe.v) > 0 || (oe.v === ue.v && oe.ex && !ue.ex);
    const [tight, loose] = side === 'upper' ? ['DECREASED', 'INCREASED'] : ['INCREASED', 'DECREASED'];
    if (beyond)
        return [difference(`${name(ub)}_${tight}`, oPath, uPath, facts, witness)];
    if (within)
        return [difference(`${name(ub)}_${loose}`, oPath, uPath, facts)];
    return [];
}
function compareMultipleOf(o, u, integer, witness) {
    const om = (o.number ?? EMPTY).multipleOf;
    const um = (u.number ?? EMPTY).multipleOf;
    const out = [];
    for (const m of um) {
        const facts = { from: om[0]?.value, to: m.value };
        const oPath = om[0]?.path ?? o.path;
        if (om.some((x) => x.value === m.value) || (integer && isMultipleOf(1, m.value)))
            continue;
        if (om.some((x) => isMultipleOf(x.value, m.value))) {
            out.push(difference('MULTIPLE_OF_REDUCED', oPath, m.path, facts));
            continue;
        }
        const rule = om.length === 0
            ? 'MULTIPLE_OF_ADDED'
            : om.some((x) => isMultipleOf(m.value, x.value))
                ? 'MULTIPLE_OF_EXPANDED'
                : 'MULTIPLE_OF_CHANGED';
        out.push(difference(rule, oPath, m.path, facts, witness));
    }
    if (um.length === 0)
        for (const x of om)
            out.push(difference('MULTIPLE_OF_REMOVED', x.path, u.path, { from: x.value }));
    return out;
}
/** Differences of the numeric keywords; `integer` when the original admits integers only. */
export function compareNumber(o, u, integer) {
    if (u.number === undefined && o.number === undefined)
        return [];
    const un = u.number ?? EMPTY;
    const on = o.number ?? EMPTY;
    const extra = () => {
        const out = [];
        if (un.upper)
            out.push(un.upper.value, un.upper.value + 1, un.upper.value + 0.5, Math.floor(un.upper.value) + 1);
        if (un.lower)
            out.push(un.lower.value, un.lower.value - 1, un.lower.value - 0.5, Math.ceil(un.lower.value) - 1);
        for (const m of on.multipleOf)
            for (let k = 1; k <= 12; k++)
                out.push(m.value * k, -m.value * k);
        out.push(...numberCandidates(on, integer), 1, 3, 0.5, 0.25);
        return out.filter((x) => !integer || Number.isInteger(x));
    };
    const witness = picker(o, u, extra);
    return [
        ...compareBound(o, u, 'upper', integer, witness),
        ...compareBound(o, u, 'lower', integer, witness),
        ...compareMultipleOf(o, u, integer, witness),
    ];
}
