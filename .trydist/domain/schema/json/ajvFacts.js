import { sharedAjv } from "./drafts.js";
const factsByDraft = new Map();
export function ajvFacts(draft) {
    let facts = factsByDraft.get(draft);
    if (facts === undefined) {
        const ajv = sharedAjv(draft);
        facts = {
            idKey: draft === 'draft-04' ? 'id' : '$id',
            resolver: ajv.opts.uriResolver,
            rules: new Set(Object.keys(ajv.RULES.all)),
            known: new Set([...Object.keys(ajv.refs), ...Object.keys(ajv.schemas)]),
        };
        factsByDraft.set(draft, facts);
    }
    return facts;
}
/** ajv drops a trailing '#' or '#/' from identifiers and references before using them. */
export const normalizeId = (id) => id.replace(/#\/?$/, '');
/** A URI without its fragment, followed by '#', as ajv compares resources. */
export function fullPath(resolver, uri, normalize = true) {
    const parsed = resolver.parse(normalize ? normalizeId(uri) : uri);
    return `${resolver.serialize(parsed).split('#')[0] ?? ''}#`;
}
