import { ajvFacts, normalizeId } from "./ajvFacts.js";
/**
 * Replays `ajv.addSchema(doc, name)` for each reference in order, or answers undefined when one of
 * them might throw: a document that is neither an object nor a boolean, an identifier that is not a
 * string, a name or identifier ajv already holds. Nested identifiers are not looked at here: the
 * inspection of each document refuses them.
 */
export function addReferences(references, draft) {
    const facts = ajvFacts(draft);
    const taken = new Set(facts.known);
    const byUri = new Map();
    const documents = [];
    // ajv caches documents by identity: the same document under a second name is only named again.
    const added = new Set();
    for (const [name, doc] of references) {
        const key = normalizeId(name);
        if (key === '' || taken.has(key))
            return undefined;
        if (typeof doc !== 'boolean' && (typeof doc !== 'object' || doc === null || Array.isArray(doc))) {
            return undefined;
        }
        if (!added.has(doc)) {
            added.add(doc);
            const id = typeof doc === 'object' ? doc[facts.idKey] : undefined;
            if (id !== undefined && typeof id !== 'string')
                return undefined;
            const base = normalizeId(id || key);
            // ajv registers the base URI unless it is a bare fragment, and refuses one it already holds.
            if (!base.startsWith('#')) {
                if (taken.has(base))
                    return undefined;
                taken.add(base);
                byUri.set(base, doc);
            }
            documents.push({ doc, base });
        }
        taken.add(key);
        byUri.set(key, doc);
    }
    return { byUri, documents };
}
