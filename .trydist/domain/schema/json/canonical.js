import { createHash } from 'node:crypto';
/**
 * Canonical text of a parsed document: compact JSON with the author's key order, or with keys sorted
 * recursively when normalising (so two spellings of the same document share one identity).
 */
export function canonicalText(doc, normalize) {
    return JSON.stringify(normalize ? sortKeys(doc) : doc);
}
/** A deep copy of `value` whose object keys are sorted; arrays keep their order (it is meaningful). */
export function sortKeys(value) {
    if (typeof value !== 'object' || value === null)
        return value;
    if (Array.isArray(value))
        return value.map(sortKeys);
    const record = value;
    const sorted = {};
    for (const key of Object.keys(record).sort()) {
        const child = sortKeys(record[key]);
        // Plain assignment is several times faster than defineProperty, which only `__proto__` needs.
        if (key === '__proto__')
            defineKey(sorted, key, child);
        else
            sorted[key] = child;
    }
    return sorted;
}
/** Identity of a schema: type, canonical text and references, plus metadata and rule set when present. */
export function fingerprintOf(parts) {
    const identity = [
        parts.schemaType,
        parts.canonical,
        parts.references.map((r) => [r.name, r.subject, r.version]),
    ];
    // Metadata and rule sets are opaque to Schemata: compare them independent of key order.
    if (parts.metadata !== undefined && parts.metadata !== null)
        identity.push(['metadata', sortKeys(parts.metadata)]);
    if (parts.ruleSet !== undefined && parts.ruleSet !== null)
        identity.push(['ruleSet', sortKeys(parts.ruleSet)]);
    return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}
// `__proto__` is an ordinary key in parsed JSON; plain assignment would change the prototype instead.
function defineKey(target, key, value) {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
