/**
 * Finite originals (enum/const, null/boolean types) are compared exactly by validating each value
 * against the update (reference §7.2), which also gives the counterexample for free.
 */
import { canonical } from "./canonical.js";
import { difference } from "./engine.js";
import { evaluate } from "./evaluate.js";
const MAX_VALUES = 5000;
function listed(engine, node, depth) {
    if (depth > 16)
        return undefined;
    const n = engine.view(node, 'writer');
    switch (n.kind) {
        case 'bool':
            return n.value ? undefined : { raw: [], path: n.path, fromEnum: false };
        case 'simple': {
            if (n.enum)
                return { raw: n.enum.values, path: n.enum.path, fromEnum: true };
            if (!n.types || [...n.types].some((t) => t !== 'null' && t !== 'boolean'))
                return undefined;
            const raw = [...(n.types.has('null') ? [null] : []), ...(n.types.has('boolean') ? [true, false] : [])];
            return { raw, path: n.path, fromEnum: false };
        }
        case 'anyOf':
        case 'oneOf': {
            const parts = n.branches.map((b) => listed(engine, b, depth + 1));
            if (parts.some((p) => p === undefined))
                return undefined;
            const raw = parts.flatMap((p) => p?.raw ?? []);
            return { raw, path: n.path, fromEnum: parts.some((p) => p?.fromEnum) };
        }
        case 'allOf': {
            for (const f of n.factors) {
                const part = listed(engine, f, depth + 1);
                if (part !== undefined)
                    return part;
            }
            return undefined;
        }
        default:
            return undefined;
    }
}
/** The finite value set of a writer schema, or undefined when it is infinite or too large to list. */
export function finiteOf(engine, node) {
    const l = listed(engine, node, 0);
    if (l === undefined || l.raw.length > MAX_VALUES)
        return undefined;
    const seen = new Set();
    const effective = l.raw.filter((v) => {
        const k = canonical(v);
        if (seen.has(k))
            return false;
        seen.add(k);
        return evaluate(node, v, 'writer');
    });
    return { ...l, effective };
}
/** Differences for a finite original against any update. */
export function compareFinite(engine, fin, update) {
    const u = engine.view(update, 'reader');
    const uEnum = u.kind === 'simple' ? u.enum : undefined;
    const uPath = uEnum?.path ?? u.path;
    if (fin.effective.length === 0) {
        // A contradictory original accepts nothing; listed values are still compared when both list values.
        if (uEnum === undefined || fin.raw.every((v) => uEnum.keys.has(canonical(v))))
            return [];
        return [difference('ENUM_ARRAY_CHANGED', fin.path, uPath, { path: uPath })];
    }
    const failing = fin.effective.filter((v) => !evaluate(u, v, 'reader'));
    const keys = new Set(fin.effective.map(canonical));
    if (failing.length === 0) {
        const grew = uEnum ? [...uEnum.keys].some((k) => !keys.has(k)) : fin.fromEnum;
        return grew ? [difference('ENUM_ARRAY_EXTENDED', fin.path, uPath, { path: uPath })] : [];
    }
    const first = failing[0];
    const witness = () => first;
    if (uEnum !== undefined) {
        const narrowed = [...uEnum.keys].every((k) => keys.has(k));
        const rule = narrowed ? 'ENUM_ARRAY_NARROWED' : 'ENUM_ARRAY_CHANGED';
        return [
            difference(rule, fin.path, uPath, { path: uPath, detail: `${canonical(first)} is no longer accepted` }, witness),
        ];
    }
    const rule = fin.fromEnum ? 'ENUM_ARRAY_CHANGED' : 'TYPE_CHANGED';
    return [
        difference(rule, fin.path, u.path, { path: u.path, detail: `${canonical(first)} is rejected` }, witness),
    ];
}
