/**
 * The inclusion checker's driver: memoised node pairs, co-inductive handling of recursive references
 * (reference §7.4) and hard bounds on work, so hostile schemas fail closed instead of hanging.
 */
import { Interner, Lru } from "./memo.js";
import { keyOf } from "./normalise.js";
import { allCompatible, isCompatibleRule } from "./rules.js";
const MAX_STEPS = 200_000;
// Reference-free subschemas mean the same wherever they appear, so their verdicts are shared across
// checks (e.g. the same property schema in 1,000 registered versions), keyed by interned canonical text.
const shared = new Lru(100_000);
const keyIds = new Interner(200_000, () => shared.clear());
const MAX_CALL_DEPTH = 400;
const MAX_ROUNDS = 16;
const NONE = [];
export class TooComplex extends Error {
}
/** A difference for the rule, with its sentence. */
export function difference(rule, originalPath, updatePath, facts = {}, witness) {
    return witness === undefined
        ? { rule, originalPath, updatePath, facts }
        : { rule, originalPath, updatePath, facts, witness };
}
/** Re-roots the witnesses of a child pair's incompatible differences into the parent instance. */
export function lift(diffs, wrap, policy) {
    if (diffs.length === 0)
        return NONE;
    return diffs.map((d) => {
        const w = d.witness;
        if (w === undefined || isCompatibleRule(d.rule, policy))
            return d;
        return {
            ...d,
            witness: () => {
                const v = w();
                return v === undefined ? undefined : wrap(v);
            },
        };
    });
}
export class Engine {
    policy;
    dispatch;
    memo = new Map();
    stack = new Map();
    failures = new Map();
    found = new Map();
    assumed = new Set();
    instanceDepth = 0;
    steps = 0;
    callDepth = 0;
    constructor(policy, dispatch) {
        this.policy = policy;
        this.dispatch = dispatch;
    }
    ok(diffs) {
        return allCompatible(diffs, this.policy);
    }
    /** Follows references (and, for writers, drops draft ≤ 07 `$ref` siblings). */
    view(node, role) {
        let n = node;
        for (let hops = 0; hops < 64; hops++) {
            if (n.kind === 'ref')
                n = n.resolve();
            else if (role === 'writer' &&
                n.kind === 'allOf' &&
                n.writerFactors?.length === 1 &&
                n.writerFactors[0]) {
                n = n.writerFactors[0];
            }
            else
                return n;
        }
        return { kind: 'invalid', id: -1, path: node.path, rule: 'UNRESOLVED_REFERENCE', reason: 'a $ref cycle' };
    }
    /** Differences for ⟦original⟧ ⊆ ⟦update⟧ at the same instance. */
    sub(original, update) {
        const o = this.view(original, 'writer');
        const u = this.view(update, 'reader');
        if ((u.kind === 'bool' && u.value) || (o.kind === 'bool' && !o.value) || o === u)
            return NONE;
        const ko = keyOf(o);
        const ku = keyOf(u);
        if (ko !== undefined && ko === ku)
            return NONE;
        // Every `true` is the same schema: one identity keeps recursion through synthetic ones finite.
        const key = `${o.kind === 'bool' ? 'T' : o.id}:${u.id}`;
        const known = this.memo.get(key);
        if (known !== undefined)
            return known;
        const sharedKey = ko !== undefined && ku !== undefined
            ? `${this.policy}|${keyIds.id(ko)}|${keyIds.id(ku)}|${o.path}|${u.path}`
            : undefined;
        const reused = sharedKey === undefined ? undefined : shared.get(sharedKey);
        if (reused !== undefined) {
            this.memo.set(key, reused);
            return reused;
        }
        const pushedAt = this.stack.get(key);
        if (pushedAt !== undefined) {
            const failed = this.failures.get(key);
            if (failed !== undefined)
                return [failed];
            if (pushedAt === this.instanceDepth) {
                return [
                    difference('SCHEMA_TOO_COMPLEX', o.path, u.path, {
                        detail: 'a reference cycle that never descends into the instance',
                    }),
                ];
            }
            this.assumed.add(key);
            return NONE;
        }
        if (++this.steps > MAX_STEPS || this.callDepth > MAX_CALL_DEPTH)
            throw new TooComplex();
        this.stack.set(key, this.instanceDepth);
        this.callDepth++;
        let result;
        try {
            result = this.dispatch(this, o, u);
        }
        finally {
            this.stack.delete(key);
            this.callDepth--;
        }
        this.memo.set(key, result);
        if (sharedKey !== undefined)
            shared.set(sharedKey, result);
        const bad = result.find((d) => !isCompatibleRule(d.rule, this.policy));
        if (bad !== undefined)
            this.found.set(key, bad);
        return result;
    }
    /** Differences for a child instance (property value, array item); witnesses are wrapped by `wrap`. */
    child(original, update, wrap) {
        this.instanceDepth++;
        try {
            return lift(this.sub(original, update), wrap, this.policy);
        }
        finally {
            this.instanceDepth--;
        }
    }
    /**
     * Top-level check. When a recursive pair was assumed compatible, re-runs with the pairs found
     * incompatible seeded as failures until that set stops growing (terminates: it only grows).
     */
    run(original, update) {
        try {
            for (let round = 0; round < MAX_ROUNDS; round++) {
                this.memo.clear();
                this.found.clear();
                this.assumed.clear();
                const result = this.sub(original, update);
                // Results are final unless a pair assumed compatible while on the stack turned out not to be.
                if (![...this.assumed].some((k) => this.found.has(k)))
                    return result;
                let grew = false;
                for (const [k, d] of this.found) {
                    if (!this.failures.has(k)) {
                        this.failures.set(k, d);
                        grew = true;
                    }
                }
                if (!grew)
                    return result;
            }
        }
        catch (e) {
            if (!(e instanceof TooComplex) && !(e instanceof RangeError))
                throw e;
        }
        return [
            difference('SCHEMA_TOO_COMPLEX', original.path, update.path, {
                detail: 'the comparison exceeded its work bound',
            }),
        ];
    }
}
