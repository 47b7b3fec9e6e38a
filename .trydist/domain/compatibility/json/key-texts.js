/**
 * Canonical text of reference-free subschemas, the identity keys the engine compares (`keyOf`).
 * Built bottom-up during one normalisation: every JSON object's text is memoised, so a parent reuses
 * its children's text instead of re-serialising (and re-scanning for `$ref`) its whole subtree at every
 * level, which made normalisation quadratic in the nesting depth.
 */
import { canonical, quote, sortedKeys } from "./canonical.js";
const REF_KEYS = new Set(['$ref', '$dynamicRef', '$recursiveRef']);
/** Values nested deeper than this below the keyed subschema count as a reference (no key). */
const MAX_HEIGHT = 64;
/** The subtree holds a reference keyword (any depth): it can have no key. */
const HAS_REF = 1;
/** The subtree reaches past MAX_HEIGHT from the subschema being keyed (depends on that start: not memoised). */
const TOO_DEEP = 2;
/** One normalisation's memo of canonical texts, keyed by the JSON objects of its documents. */
export class KeyTexts {
    memo = new Map();
    /**
     * The canonical text of `raw` without its top-level keys in `skip`, or undefined when `raw` holds a
     * reference keyword anywhere or nests more than 64 levels deep (such subschemas get no key).
     */
    keyText(raw, skip) {
        // A subschema is keyed once, right after it is normalised: no memo lookup for it, only for its values.
        const whole = this.object(raw, 0, skip);
        if (whole !== TOO_DEEP)
            this.memo.set(raw, whole);
        if (typeof whole === 'number')
            return undefined;
        return whole.stripped ?? whole.text;
    }
    entry(value, depth) {
        if (depth > MAX_HEIGHT)
            return TOO_DEEP;
        const hit = this.memo.get(value);
        if (hit !== undefined)
            return hit === HAS_REF || depth + hit.height <= MAX_HEIGHT ? hit : TOO_DEEP;
        const computed = Array.isArray(value)
            ? this.array(value, depth)
            : this.object(value, depth, undefined);
        if (computed !== TOO_DEEP)
            this.memo.set(value, computed);
        return computed;
    }
    // Texts are joined from arrays rather than grown with `+=`: V8 then builds flat strings, which hash
    // and compare several times faster than the deep ropes `+=` leaves behind (the engine hashes keys).
    array(value, depth) {
        const items = [];
        let height = 0;
        for (let i = 0; i < value.length; i++) {
            // A hole serialises as nothing, like `Array.prototype.join` does in `canonical`.
            if (!(i in value)) {
                items.push('');
                continue;
            }
            const v = value[i];
            if (typeof v !== 'object' || v === null) {
                if (depth >= MAX_HEIGHT)
                    return TOO_DEEP;
                items.push(canonical(v));
                if (height === 0)
                    height = 1;
                continue;
            }
            const part = this.entry(v, depth + 1);
            if (typeof part === 'number')
                return part;
            items.push(part.text);
            if (part.height >= height)
                height = part.height + 1;
        }
        return { text: `[${items.join(',')}]`, height };
    }
    /** The object's text; with `skip`, also its text without those keys (`stripped`). */
    object(value, depth, skip) {
        const keys = sortedKeys(value);
        // '$' (36) starts every reference keyword: most keys are ruled out without a set lookup.
        for (const k of keys)
            if (k.charCodeAt(0) === 36 && REF_KEYS.has(k))
                return HAS_REF;
        const members = [];
        const kept = skip === undefined ? undefined : [];
        let height = 0;
        for (const k of keys) {
            const v = value[k];
            let part;
            if (typeof v !== 'object' || v === null) {
                if (depth >= MAX_HEIGHT)
                    return TOO_DEEP;
                part = canonical(v);
                if (height === 0)
                    height = 1;
            }
            else {
                const entry = this.entry(v, depth + 1);
                if (typeof entry === 'number')
                    return entry;
                part = entry.text;
                if (entry.height >= height)
                    height = entry.height + 1;
            }
            const member = `${quote(k)}:${part}`;
            members.push(member);
            if (kept !== undefined && !skip?.has(k))
                kept.push(member);
        }
        const text = `{${members.join(',')}}`;
        return kept === undefined ? { text, height } : { text, height, stripped: `{${kept.join(',')}}` };
    }
}
