import { ajvFacts, normalizeId } from "./ajvFacts.js";
import { detectDraft, metaValidates } from "./drafts.js";
import { addReferences } from "./registry.js";
import { LimitExceeded, Walk } from "./walk.js";
/**
 * Walks the whole document once: size limits over every value, and the compile proof over the
 * positions ajv compiles or indexes. `references`: the registry documents by reference name, which
 * ajv holds beside the document while compiling it.
 */
export function inspectDocument(doc, draft, references) {
    const added = references.size === 0 ? NOTHING_ADDED : addReferences(references, draft);
    const rootId = isRecord(doc) ? doc[ajvFacts(draft).idKey] : undefined;
    const walk = new Walk(doc, draft, typeof rootId === 'string' ? normalizeId(rootId) : '', added?.byUri);
    try {
        walk.run();
    }
    catch (error) {
        if (!(error instanceof LimitExceeded))
            throw error;
        return { limit: error.message, hasRefs: walk.hasRefs, surelyCompiles: false };
    }
    const surelyCompiles = walk.provable && added !== undefined && withinAjvBounds(walk, registryWalks(added, draft));
    return { hasRefs: walk.hasRefs, surelyCompiles };
}
const NOTHING_ADDED = { byUri: new Map(), documents: [] };
/**
 * The walks over the registry documents, each as its own resource, or undefined if one of them might
 * not compile in the document's draft. They were checked when registered, but maybe under another
 * draft (or none): ajv compiles them under the document's, without meta-validating them.
 */
function registryWalks(added, draft) {
    const walks = [];
    for (const { doc, base } of added.documents) {
        if (typeof doc === 'boolean')
            continue;
        if (detectDraft(doc) !== draft)
            return undefined;
        const walk = new Walk(doc, draft, base, added.byUri);
        try {
            walk.run();
        }
        catch (error) {
            if (error instanceof LimitExceeded)
                return undefined;
            throw error;
        }
        if (!walk.provable || !metaValidates(doc, draft))
            return undefined;
        walks.push(walk);
    }
    return walks;
}
/**
 * Whether ajv's generated code stays well within what V8 parses (see MAX_PROVEN_NESTING): the document's
 * bound, plus the largest registry document's, which ajv may copy in at a `$ref`.
 */
function withinAjvBounds(root, registry) {
    if (registry === undefined)
        return false;
    const walks = [root, ...registry];
    const refSites = walks.reduce((sum, walk) => sum + walk.refSites, 0);
    const values = walks.reduce((sum, walk) => sum + walk.values, 0);
    const copied = Math.max(0, ...registry.map((walk) => walk.span()));
    return root.span() + copied <= MAX_PROVEN_NESTING && refSites * values <= MAX_PROVEN_INLINED_VALUES;
}
/**
 * ajv's generated code nests one block deeper for each sub-schema that follows a sibling, and V8 refuses
 * to parse about 2,000 nested blocks ("Maximum call stack size exceeded", so ajv refuses the schema).
 * The walk bounds that nesting by summing, along each path, the positions of the sub-schemas among
 * their siblings. ajv also copies a `$ref`'s target into the referring code when the target has no
 * `$ref` itself, nesting it there: the bound at a `$ref` plus the document's whole bound covers that.
 * Past this bound (half the measured failure point) ajv decides.
 */
const MAX_PROVEN_NESTING = 1000;
/** Inlined targets also repeat code: each `$ref` may copy up to the whole document. */
const MAX_PROVEN_INLINED_VALUES = 1_000_000;
const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
