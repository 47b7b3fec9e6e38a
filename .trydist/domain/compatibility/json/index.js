/**
 * JSON Schema compatibility core (reference §1): `diff(original, update, policy)` lists the differences;
 * the pair is compatible when every one is compatible under the policy. BACKWARD(new, old) = diff(old, new).
 */
import { dispatch } from "./compare.js";
import { confirms, searchCounterexample } from "./counterexample.js";
import { Engine } from "./engine.js";
import { Lru } from "./memo.js";
import { normaliseSchema } from "./normalise.js";
import { ENGINE_RULES, isCompatibleRule } from "./rules.js";
export { ENGINE_RULES, RESERVED_RULES, RULES, isCompatibleRule } from "./rules.js";
export { describe, render } from "./messages.js";
const NO_REFERENCES = new Map();
const normalised = new Lru(5_000);
const MAX_WITNESS_ATTEMPTS = 24;
/** Forgets memoised normal forms (benchmarks measure cold runs). */
export function clearNormalisationMemo() {
    normalised.clear();
}
/** Normal form of a schema, memoised per fingerprint. */
export function normalise(input) {
    if ('root' in input)
        return input;
    const references = input.references ?? NO_REFERENCES;
    const fingerprint = input.fingerprint ?? `${JSON.stringify(input.schema)}\u0000${JSON.stringify([...references])}`;
    const hit = normalised.get(fingerprint);
    if (hit !== undefined)
        return hit;
    const result = normaliseSchema(input.schema, references, fingerprint);
    normalised.set(fingerprint, result);
    return result;
}
function dedupe(diffs) {
    const seen = new Map();
    for (const d of diffs) {
        const key = `${d.rule}|${d.originalPath}|${d.updatePath}`;
        const prior = seen.get(key);
        if (prior === undefined || (prior.witness === undefined && d.witness !== undefined))
            seen.set(key, d);
    }
    return [...seen.values()];
}
function attachCounterexamples(o, u, diffs, policy) {
    let attempts = 0;
    let found = false;
    const out = diffs.map((d) => {
        const compatible = isCompatibleRule(d.rule, policy);
        if (compatible || d.witness === undefined || attempts >= MAX_WITNESS_ATTEMPTS)
            return { ...d, compatible };
        attempts++;
        let doc;
        try {
            doc = d.witness();
        }
        catch {
            doc = undefined;
        }
        if (!confirms(o, u, doc))
            return { ...d, compatible };
        found = true;
        return { ...d, compatible, counterexample: doc };
    });
    const firstBad = out.findIndex((d) => !d.compatible);
    const target = out[firstBad];
    // A check that failed closed (depth, references, work bound) is not worth a blind search.
    const failedClosed = out.some((d) => ENGINE_RULES.includes(d.rule));
    if (!found && target !== undefined && !failedClosed) {
        const doc = searchCounterexample(o, u);
        if (doc !== undefined)
            out[firstBad] = { ...target, counterexample: doc };
    }
    return out;
}
/** Every difference between `original` and `update` (compatible ones included), each with its verdict. */
export function diff(original, update, policy = 'STRICT', options = {}) {
    const o = normalise(original);
    const u = normalise(update);
    if (o.fingerprint === u.fingerprint)
        return [];
    const diffs = dedupe(new Engine(policy, dispatch).run(o.root, u.root));
    if (options.counterexamples === false)
        return diffs.map((d) => ({ ...d, compatible: isCompatibleRule(d.rule, policy) }));
    return attachCounterexamples(o, u, diffs, policy);
}
/** True when `diff` finds only compatible differences. */
export function isCompatible(original, update, policy = 'STRICT') {
    return diff(original, update, policy, { counterexamples: false }).every((d) => d.compatible);
}
