/** Object keywords: properties and content models (§5), required, counts and propertyNames. */
import { pointer } from "./canonical.js";
import { difference } from "./engine.js";
import { evaluate } from "./evaluate.js";
import { isFalse } from "./nodes.js";
import { governing } from "./object-model.js";
import { compareDependencies } from "./object-dependencies.js";
import { comparePropertyNames, compareCounts } from "./object-counts.js";
import { comparePatternsAndRest } from "./object-rest.js";
import { objectCarrying, objectWith } from "./witness.js";
const empties = new WeakMap();
/** No object keywords, cached per node so that derived nodes keep stable identities. */
function emptyObject(node) {
    let empty = empties.get(node);
    if (empty === undefined) {
        empty = {
            path: node.path,
            properties: new Map(),
            required: new Map(),
            defaults: new Map(),
            patterns: [],
            dependentRequired: new Map(),
            dependentSchemas: new Map(),
        };
        empties.set(node, empty);
    }
    return empty;
}
function firstWitness(diffs, e) {
    return diffs.find((d) => d.witness !== undefined && !e.ok([d]))?.witness;
}
/** A required property counts as satisfied when the reader fills a default the reader itself accepts. */
function defaultFills(u, name) {
    if (!u.defaults.has(name))
        return false;
    return evaluate(governing(u, name, 'reader').node, u.defaults.get(name), 'reader');
}
function append(out, diffs) {
    for (const d of diffs)
        out.push(d);
}
function compareProperty(e, oNode, o, u, name) {
    const oa = governing(o, name, 'writer');
    const ua = governing(u, name, 'reader');
    const inO = o.properties.has(name);
    const inU = u.properties.has(name);
    if (inO && inU)
        return e.child(oa.node, ua.node, (v) => objectCarrying(oNode, name, v));
    const oPath = o.properties.get(name)?.path ?? pointer(o.path, 'properties', name);
    const uPath = u.properties.get(name)?.path ?? pointer(u.path, 'properties', name);
    const wrap = (v) => objectCarrying(oNode, name, v);
    const facts = { name, path: uPath };
    const d = (rule, w) => difference(rule, oPath, uPath, facts, w);
    const strict = e.policy === 'STRICT';
    const out = [];
    if (inU) {
        const newly = u.required.has(name) && !o.required.has(name);
        const fills = newly && defaultFills(u, name);
        const lacking = () => objectWith(oNode, {}, name);
        if (oa.model === 'open') {
            const nested = e.child(oa.node, ua.node, wrap);
            if (newly && !fills)
                return [d('REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', lacking)];
            if (e.ok(nested))
                return newly
                    ? [d('REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL')]
                    : [d('PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL')];
            const rule = newly
                ? 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL'
                : 'OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL';
            return [d(rule, firstWitness(nested, e))];
        }
        if (oa.model === 'covered') {
            const nested = e.child(oa.node, ua.node, wrap);
            if (e.ok(nested))
                out.push(d('PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'), ...nested);
            else
                out.push(d('PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', firstWitness(nested, e)), ...(strict ? nested : []));
        }
        if (!newly)
            out.push(d('OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL'));
        else if (fills)
            out.push(d('REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL'));
        else
            out.push(d('REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL', lacking));
        return out;
    }
    // Declared only in the original: judged on the update's model for that name.
    if (isFalse(oa.node))
        return [d('PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL')];
    if (ua.model === 'open')
        return [d('PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL')];
    const nested = e.child(oa.node, ua.node, wrap);
    if (ua.model === 'closed')
        return [d('PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL', firstWitness(nested, e))];
    if (e.ok(nested))
        return [d('PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'), ...nested];
    return [
        d('PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', firstWitness(nested, e)),
        ...(strict ? nested : []),
    ];
}
function compareRequired(oNode, o, u) {
    const out = [];
    for (const [name, path] of u.required) {
        if (o.required.has(name) || (u.properties.has(name) && !o.properties.has(name)))
            continue;
        const oPath = pointer(o.path, 'properties', name);
        if (defaultFills(u, name))
            out.push(difference('REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED', oPath, path, { name, path }));
        else
            out.push(difference('REQUIRED_ATTRIBUTE_ADDED', oPath, path, { name, path }, () => objectWith(oNode, {}, name)));
    }
    for (const [name, path] of o.required) {
        if (!u.required.has(name))
            out.push(difference('REQUIRED_ATTRIBUTE_REMOVED', path, u.path, { name, path: u.path }));
    }
    return out;
}
/** Differences of the object keywords of two simple nodes that both admit objects. */
export function compareObject(e, oNode, uNode) {
    if (uNode.object === undefined)
        return [];
    const o = oNode.object ?? emptyObject(oNode);
    const u = uNode.object;
    const out = [];
    // Names of the original, then those only the update declares (one pass each, no merged set).
    for (const name of o.properties.keys())
        append(out, compareProperty(e, oNode, o, u, name));
    for (const name of u.properties.keys())
        if (!o.properties.has(name))
            append(out, compareProperty(e, oNode, o, u, name));
    out.push(...compareRequired(oNode, o, u));
    out.push(...comparePatternsAndRest(e, oNode, o, u));
    out.push(...compareCounts(oNode, uNode, o, u));
    out.push(...compareDependencies(e, oNode, o, u));
    out.push(...comparePropertyNames(e, oNode, o, u));
    return out;
}
