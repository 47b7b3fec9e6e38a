/** String keywords (§4 string family): length bounds and `pattern` (any textual change is reported). */
import { difference } from "./engine.js";
import { PROBE_STRINGS } from "./pattern-samples.js";
import { stringCandidates } from "./samples.js";
import { picker } from "./witness.js";
const EMPTY = { patterns: [] };
export function compareString(o, u) {
    if (u.string === undefined && o.string === undefined)
        return [];
    const os = o.string ?? EMPTY;
    const us = u.string ?? EMPTY;
    const out = [];
    const around = (n) => [n - 1, n, n + 1].filter((k) => k >= 0 && k <= 256).map((k) => 'a'.repeat(k));
    const witness = picker(o, u, () => [
        ...(us.maxLength ? around(us.maxLength.value + 1) : []),
        ...(us.minLength ? around(us.minLength.value - 1) : []),
        ...stringCandidates(os),
        ...PROBE_STRINGS,
    ]);
    const oPath = os.minLength?.path ?? o.path;
    const uPath = us.minLength?.path ?? u.path;
    const oMin = os.minLength?.value ?? 0;
    const uMin = us.minLength?.value ?? 0;
    if (uMin > oMin) {
        const rule = os.minLength ? 'MIN_LENGTH_INCREASED' : 'MIN_LENGTH_ADDED';
        out.push(difference(rule, oPath, uPath, { from: os.minLength?.value, to: uMin }, witness));
    }
    else if (uMin < oMin) {
        const rule = us.minLength ? 'MIN_LENGTH_DECREASED' : 'MIN_LENGTH_REMOVED';
        out.push(difference(rule, oPath, uPath, { from: oMin, to: us.minLength?.value }));
    }
    const oMax = os.maxLength?.value ?? Infinity;
    const uMax = us.maxLength?.value ?? Infinity;
    const maxO = os.maxLength?.path ?? o.path;
    const maxU = us.maxLength?.path ?? u.path;
    if (uMax < oMax) {
        const rule = os.maxLength ? 'MAX_LENGTH_DECREASED' : 'MAX_LENGTH_ADDED';
        out.push(difference(rule, maxO, maxU, { from: os.maxLength?.value, to: uMax }, witness));
    }
    else if (uMax > oMax) {
        const rule = us.maxLength ? 'MAX_LENGTH_INCREASED' : 'MAX_LENGTH_REMOVED';
        out.push(difference(rule, maxO, maxU, { from: oMax, to: us.maxLength?.value }));
    }
    const oPatterns = new Set(os.patterns.map((p) => p.value));
    for (const p of us.patterns) {
        if (oPatterns.has(p.value))
            continue;
        const rule = os.patterns.length === 0 ? 'PATTERN_ADDED' : 'PATTERN_CHANGED';
        const from = os.patterns[0];
        out.push(difference(rule, from?.path ?? o.path, p.path, { from: from?.value, to: p.value }, witness));
    }
    if (us.patterns.length === 0) {
        for (const p of os.patterns)
            out.push(difference('PATTERN_REMOVED', p.path, u.path, { from: p.value }));
    }
    return out;
}
