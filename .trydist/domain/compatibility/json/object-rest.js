/**
 * Undeclared property names: `patternProperties` (matched by identical regex text, §7.6) and the rest
 * schema (`additionalProperties`, else `unevaluatedProperties`) with the ADDITIONAL_/UNEVALUATED_
 * PROPERTIES_* rules of §4.
 */
import { pointer } from "./canonical.js";
import { difference } from "./engine.js";
import { isFalse, isTrue, trueAt } from "./nodes.js";
import { restOf } from "./object-model.js";
import { patternsDisjoint } from "./patterns.js";
import { samples } from "./samples.js";
import { freshName, objectCarrying, pick } from "./witness.js";
function firstWitness(diffs, e) {
    return diffs.find((d) => d.witness !== undefined && !e.ok([d]))?.witness;
}
function carrier(oNode, u, match) {
    return (v) => {
        const name = freshName(oNode, u, match);
        return name === undefined ? undefined : objectCarrying(oNode, name, v);
    };
}
function compareRests(e, oNode, o, u) {
    const oRest = restOf(o, 'writer');
    const uRest = restOf(u, 'reader');
    const oR = oRest?.node;
    const uR = uRest?.node;
    const restrictive = uR !== undefined && !isTrue(uR);
    // The common unchanged cases (both open, both closed) need none of the helpers below.
    if (!restrictive && (oR === undefined || isTrue(oR)))
        return [];
    if (restrictive && oR !== undefined && isFalse(oR) && isFalse(uR))
        return [];
    const keyword = restrictive ? uRest?.keyword : (oRest?.keyword ?? 'additionalProperties');
    const prefix = keyword === 'unevaluatedProperties' ? 'UNEVALUATED_PROPERTIES' : 'ADDITIONAL_PROPERTIES';
    const oPath = oRest ? pointer(o.path, oRest.keyword) : o.path;
    const uPath = uRest ? pointer(u.path, uRest.keyword) : u.path;
    const d = (change, w) => difference(`${prefix}_${change}`, oPath, uPath, { path: uPath }, w);
    const wrap = (v) => carrier(oNode, u)(v);
    if (!restrictive) {
        if (oR === undefined || isTrue(oR))
            return [];
        return [d(isFalse(oR) ? 'ADDED' : 'EXTENDED')];
    }
    if (oR !== undefined && isFalse(oR))
        return isFalse(uR) ? [] : [d('ADDED')];
    if (oR === undefined || isTrue(oR)) {
        const w = () => {
            const v = pick(trueAt(oPath), uR);
            return v === undefined ? undefined : wrap(v);
        };
        return [d(isFalse(uR) ? 'REMOVED' : 'NARROWED', w)];
    }
    if (isFalse(uR)) {
        return [d('REMOVED', () => wrap(samples(oR)[0] ?? null))];
    }
    return e.child(oR, uR, wrap);
}
export function comparePatternsAndRest(e, oNode, o, u) {
    if (o.patterns.length === 0 && u.patterns.length === 0)
        return compareRests(e, oNode, o, u);
    const out = [];
    const oRest = restOf(o, 'writer');
    for (const up of u.patterns) {
        const wrap = carrier(oNode, u, up.source);
        const same = o.patterns.find((p) => p.source === up.source);
        if (same !== undefined) {
            out.push(...e.child(same.node, up.node, wrap));
            continue;
        }
        // Names matching the new pattern were governed by the old rest schema or by overlapping old patterns.
        const writers = [];
        if (oRest === undefined)
            writers.push(trueAt(o.path));
        else if (!isFalse(oRest.node))
            writers.push(oRest.node);
        for (const p of o.patterns)
            if (!patternsDisjoint(p.source, up.source))
                writers.push(p.node);
        for (const w of writers) {
            const nested = e.child(w, up.node, wrap);
            if (!e.ok(nested)) {
                out.push(difference('SCHEMA_ADDED', o.path, up.path, { path: up.path, detail: `patternProperties "${up.source}"` }, firstWitness(nested, e)));
                break;
            }
        }
    }
    const uRest = restOf(u, 'reader');
    for (const op of o.patterns) {
        if (u.patterns.some((p) => p.source === op.source))
            continue;
        out.push(difference('SCHEMA_REMOVED', op.path, u.path, { path: op.path }));
        if (uRest === undefined || isTrue(uRest.node))
            continue;
        const nested = e.child(op.node, uRest.node, carrier(oNode, u, op.source));
        if (e.ok(nested))
            continue;
        const prefix = uRest.keyword === 'unevaluatedProperties' ? 'UNEVALUATED_PROPERTIES' : 'ADDITIONAL_PROPERTIES';
        const rule = `${prefix}_${isFalse(uRest.node) ? 'REMOVED' : 'NARROWED'}`;
        out.push(difference(rule, op.path, pointer(u.path, uRest.keyword), { path: op.path }, firstWitness(nested, e)));
    }
    out.push(...compareRests(e, oNode, o, u));
    return out;
}
