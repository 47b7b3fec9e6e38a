/**
 * Compatibility checking (design §4): which registered versions a level compares with, in which
 * directions, and the violations with ajv-confirmed counterexamples. Pure; verdicts are memoised in a
 * bounded cache keyed by (old fingerprint, new fingerprint, direction, policy).
 */
import { clearNormalisationMemo, describe, diff, normalise, render, } from "./json/index.js";
import { Interner, Lru } from "./json/memo.js";
export const COMPATIBILITY_LEVELS = [
    'NONE',
    'BACKWARD',
    'BACKWARD_TRANSITIVE',
    'FORWARD',
    'FORWARD_TRANSITIVE',
    'FULL',
    'FULL_TRANSITIVE',
];
/** Which directions a level checks: BACKWARD* → BACKWARD, FORWARD* → FORWARD, FULL* → both, NONE → none. */
export function directionsOf(level) {
    if (level.startsWith('BACKWARD'))
        return ['BACKWARD'];
    if (level.startsWith('FORWARD'))
        return ['FORWARD'];
    if (level.startsWith('FULL'))
        return ['BACKWARD', 'FORWARD'];
    return [];
}
export function isTransitive(level) {
    return level.endsWith('_TRANSITIVE');
}
const verdicts = new Lru(50_000);
// Fingerprints can be long (canonical text): memo keys use small interned ids instead.
const interned = new Interner(200_000, () => verdicts.clear());
const idsBySchema = new WeakMap();
function internId(schema) {
    const known = idsBySchema.get(schema);
    if (known !== undefined && interned.peek(schema.fingerprint) === known)
        return known;
    const id = interned.id(schema.fingerprint);
    idsBySchema.set(schema, id);
    return id;
}
/** Clears the verdict and normalisation memos (benchmarks measure cold runs). */
export function clearCompatibilityMemo() {
    verdicts.clear();
    interned.clear();
    clearNormalisationMemo();
}
// Normal forms per schema object first (no hashing of long fingerprints), then per fingerprint.
const forms = new WeakMap();
function input(s) {
    const known = forms.get(s);
    if (known !== undefined && known.fingerprint === s.fingerprint && known.document === s.schema)
        return known;
    const form = normalise({ schema: s.schema, references: s.references, fingerprint: s.fingerprint });
    forms.set(s, form);
    return form;
}
/**
 * Computes a schema's normal form ahead of a check, so the check itself only diffs. Registration calls it
 * while its database read is in flight. A schema the engine cannot read is left for the check to report.
 */
export function prepareForCheck(schema) {
    if (schema.schemaType !== 'JSON')
        return;
    try {
        input(schema);
    }
    catch {
        // The check meets the same problem and reports it.
    }
}
/** Violations of one direction: BACKWARD diffs old → new (old data, new reader); FORWARD the reverse. */
function checkDirection(proposed, existing, direction, policy) {
    const key = `${internId(existing)}:${internId(proposed)}:${direction}:${policy}`;
    const hit = verdicts.get(key);
    if (hit !== undefined)
        return hit;
    const backward = direction === 'BACKWARD';
    const [original, update] = backward ? [existing, proposed] : [proposed, existing];
    const [originalName, updateName] = backward ? ['old schema', 'new schema'] : ['new schema', 'old schema'];
    const violations = diff(input(original), input(update), policy)
        .filter((d) => !d.compatible)
        .map((d) => ({
        rule: d.rule,
        oldPath: backward ? d.originalPath : d.updatePath,
        newPath: backward ? d.updatePath : d.originalPath,
        message: render(describe(d.rule, d.facts, d.updatePath), originalName, updateName),
        direction,
        ...(d.counterexample !== undefined && { counterexample: d.counterexample }),
    }));
    verdicts.set(key, violations);
    return violations;
}
function copy(v, version) {
    const out = { ...v, oldVersion: version };
    if (v.counterexample !== undefined)
        out.counterexample = structuredClone(v.counterexample);
    return out;
}
/** Pure: compare against exactly one version in the given direction(s). */
export function checkPair(proposed, existing, directions, policy = 'STRICT') {
    const direction = directions[0] ?? 'BACKWARD';
    if (proposed.schemaType !== existing.schemaType) {
        const message = `The schema type changed from ${existing.schemaType} to ${proposed.schemaType} at #.`;
        return {
            compatible: false,
            violations: [
                {
                    rule: 'SCHEMA_TYPE_CHANGED',
                    oldPath: '#',
                    newPath: '#',
                    message,
                    direction,
                    oldVersion: existing.version,
                },
            ],
        };
    }
    if (proposed.schemaType !== 'JSON') {
        const message = `Compatibility of ${proposed.schemaType} schemas cannot be checked at # by this engine.`;
        return {
            compatible: false,
            violations: [
                {
                    rule: 'UNSUPPORTED_SCHEMA_TYPE',
                    oldPath: '#',
                    newPath: '#',
                    message,
                    direction,
                    oldVersion: existing.version,
                },
            ],
        };
    }
    const violations = directions.flatMap((d) => checkDirection(proposed, existing, d, policy).map((v) => copy(v, existing.version)));
    return { compatible: violations.length === 0, violations };
}
/**
 * Pure. `existing` is ordered newest first and contains only live versions. Non-transitive levels
 * compare with the newest only; transitive ones with all, stopping at the first failing version.
 */
export function checkCompatibility(level, proposed, existing, policy = 'STRICT') {
    const directions = directionsOf(level);
    if (directions.length === 0)
        return { compatible: true, violations: [] };
    const targets = isTransitive(level) ? existing : existing.slice(0, 1);
    for (const version of targets) {
        const result = checkPair(proposed, version, directions, policy);
        if (!result.compatible)
            return result;
    }
    return { compatible: true, violations: [] };
}
