/** `dependentRequired` / `dependentSchemas` (and draft-04…07 `dependencies`): the DEPENDENCY_* rules. */
import { pointer } from "./canonical.js";
import { difference } from "./engine.js";
import { isFalse } from "./nodes.js";
import { governing } from "./object-model.js";
import { samples } from "./samples.js";
import { objectWith } from "./witness.js";
function compareRequiredDeps(oNode, o, u) {
    const out = [];
    for (const [key, names] of u.dependentRequired) {
        if (isFalse(governing(o, key, 'writer').node))
            continue;
        const mine = o.dependentRequired.get(key);
        const guaranteed = new Set([...o.required.keys(), ...(mine?.value ?? []), key]);
        const missing = names.value.filter((n) => !guaranteed.has(n));
        if (missing.length === 0) {
            if (mine && mine.value.length > names.value.length) {
                out.push(difference('DEPENDENCY_ARRAY_NARROWED', mine.path, names.path, {
                    from: mine.value,
                    to: names.value,
                }));
            }
            continue;
        }
        const rule = mine === undefined
            ? 'DEPENDENCY_ARRAY_ADDED'
            : mine.value.every((n) => names.value.includes(n))
                ? 'DEPENDENCY_ARRAY_EXTENDED'
                : 'DEPENDENCY_ARRAY_CHANGED';
        const lacking = missing[0] ?? '';
        const witness = () => {
            const value = samples(governing(o, key, 'writer').node)[0] ?? null;
            const obj = objectWith(oNode, { [key]: value }, lacking);
            delete obj[lacking];
            return obj;
        };
        out.push(difference(rule, mine?.path ?? pointer(o.path, 'dependencies', key), names.path, { from: mine?.value, to: names.value }, witness));
    }
    for (const [key, names] of o.dependentRequired) {
        if (!u.dependentRequired.has(key))
            out.push(difference('DEPENDENCY_ARRAY_REMOVED', names.path, u.path, { from: names.value }));
    }
    return out;
}
function compareSchemaDeps(e, oNode, o, u) {
    const out = [];
    for (const [key, du] of u.dependentSchemas) {
        if (isFalse(governing(o, key, 'writer').node))
            continue;
        const od = o.dependentSchemas.get(key);
        if (od !== undefined) {
            const nested = e.sub(od, du);
            // The whole original object may imply the new dependent schema even where its own one does not.
            out.push(...(e.ok(nested) ? nested : e.ok(e.sub(oNode, du)) ? [] : nested));
            continue;
        }
        const whole = e.sub(oNode, du);
        if (e.ok(whole))
            continue;
        const inner = whole.find((d) => d.witness !== undefined && !e.ok([d]))?.witness;
        // The dependent schema only applies when the key is present: make sure it is.
        const witness = inner &&
            (() => {
                const w = inner();
                if (typeof w !== 'object' || w === null || Array.isArray(w) || Object.hasOwn(w, key))
                    return w;
                return { ...w, [key]: samples(governing(o, key, 'writer').node)[0] ?? null };
            });
        out.push(difference('DEPENDENCY_SCHEMA_ADDED', pointer(o.path, 'dependencies', key), du.path, { path: du.path }, witness));
    }
    for (const [key, od] of o.dependentSchemas) {
        if (!u.dependentSchemas.has(key))
            out.push(difference('DEPENDENCY_SCHEMA_REMOVED', od.path, u.path, { path: od.path }));
    }
    return out;
}
export function compareDependencies(e, oNode, o, u) {
    if (u.dependentRequired.size === 0 &&
        u.dependentSchemas.size === 0 &&
        o.dependentRequired.size === 0 &&
        o.dependentSchemas.size === 0)
        return [];
    return [...compareRequiredDeps(oNode, o, u), ...compareSchemaDeps(e, oNode, o, u)];
}
