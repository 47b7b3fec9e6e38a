import { SCHEMA_LIMITS } from "./limits.js";
import { PLAIN_FRAGMENT } from "./refTargets.js";
/** Base URI for documents without an absolute `$id`, so relative refs and reference names resolve alike. */
const SYNTHETIC_BASE = 'https://schemata.invalid/';
/** Keywords whose values are instance data, never schemas: a `$ref` inside them is just a string. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);
/**
 * Checks that every `$ref` of `doc` resolves to a local JSON Pointer, anchor or embedded `$id`, or to a
 * registry reference by name; never looks anything up over the network. Also rejects `$ref` chains longer
 * than the limit and cycles made only of `$ref`s. Returns a sentence describing the first problem.
 */
export function findRefProblem(doc, draft, references) {
    const index = { resources: new Map(), anchors: new Map() };
    for (const [name, refDoc] of references) {
        const base = resolveUri(name, SYNTHETIC_BASE) ?? name;
        index.resources.set(base, refDoc);
        index.resources.set(name, refDoc);
        collect(refDoc, base, draft, index, []);
    }
    const rootBase = SYNTHETIC_BASE;
    const refs = [];
    collect(doc, rootBase, draft, index, refs, true);
    if (!index.resources.has(rootBase))
        index.resources.set(rootBase, doc);
    // Schemas repeat the same few `$ref`s: follow each (ref, base) pair once.
    const followed = new Set();
    for (const [ref, base] of refs) {
        const key = `${base}\u0000${ref}`;
        if (followed.has(key))
            continue;
        followed.add(key);
        const problem = followChain(ref, base, index, draft);
        if (problem !== undefined)
            return problem;
    }
    return undefined;
}
/** Registers resources (`$id`) and anchors under their absolute URIs; gathers `$ref`s with their base URI. */
function collect(node, parentBase, draft, index, refs, isRoot = false) {
    if (Array.isArray(node)) {
        for (const item of node)
            collect(item, parentBase, draft, index, refs);
        return;
    }
    if (typeof node !== 'object' || node === null)
        return;
    const record = node;
    let base = parentBase;
    const id = draft === 'draft-04' ? record['id'] : record['$id'];
    if (typeof id === 'string') {
        if (id.startsWith('#') && (draft === 'draft-06' || draft === 'draft-07' || draft === 'draft-04')) {
            index.anchors.set(`${stripFragment(base)}${id}`, node);
        }
        else {
            const resolved = resolveUri(id, base);
            if (resolved !== undefined) {
                base = stripFragment(resolved);
                index.resources.set(base, node);
                if (isRoot)
                    index.resources.set(SYNTHETIC_BASE, node);
            }
        }
    }
    const anchor = record['$anchor'] ?? record['$dynamicAnchor'];
    if (typeof anchor === 'string')
        index.anchors.set(`${stripFragment(base)}#${anchor}`, node);
    if (typeof record['$ref'] === 'string')
        refs.push([record['$ref'], base]);
    for (const key in record) {
        if (!DATA_KEYWORDS.has(key))
            collect(record[key], base, draft, index, refs);
    }
}
/** Follows a `$ref` and any `$ref`-only schemas it lands on, bounded, failing on cycles. */
function followChain(ref, base, index, draft) {
    const seen = new Set();
    let current = { ref, base };
    for (let hops = 0; current !== undefined; hops++) {
        if (hops >= SCHEMA_LIMITS.maxRefChain) {
            return `The $ref chain starting at '${ref}' is longer than ${SCHEMA_LIMITS.maxRefChain} hops.`;
        }
        const uri = resolveRef(current.ref, current.base);
        if (uri === undefined)
            return `$ref '${current.ref}' is not a valid URI reference.`;
        if (seen.has(uri))
            return `$ref '${ref}' leads to a cycle made only of $refs.`;
        seen.add(uri);
        const target = lookup(uri, index);
        if (target === NOT_FOUND) {
            return (`$ref '${current.ref}' cannot be resolved: it is neither a local reference nor the name of an entry ` +
                `in 'references' (Schemata never fetches schemas over the network).`);
        }
        current = nextHop(target, uri, draft);
    }
    return undefined;
}
const NOT_FOUND = Symbol('not found');
const META_SCHEMA = /^https?:\/\/json-schema\.org\/(draft-0[467]\/schema|draft\/20(19-09|20-12)\/(schema|meta\/[a-z-]+))$/;
function lookup(uri, index) {
    const hash = uri.indexOf('#');
    const resourceUri = hash < 0 ? uri : uri.slice(0, hash);
    const fragment = hash < 0 ? '' : decodeURIComponentSafe(uri.slice(hash + 1));
    if (fragment !== '' && !fragment.startsWith('/')) {
        return index.anchors.has(uri) ? index.anchors.get(uri) : NOT_FOUND;
    }
    // Meta-schemas are built into every ajv instance; a `$ref` to one is legitimate and needs no fetch.
    if (!index.resources.has(resourceUri))
        return META_SCHEMA.test(resourceUri) ? {} : NOT_FOUND;
    return fragment === ''
        ? index.resources.get(resourceUri)
        : evaluatePointer(index.resources.get(resourceUri), fragment);
}
/** Only a schema that is nothing but a `$ref` (siblings ignored up to draft-07) continues the chain. */
function nextHop(target, uri, draft) {
    if (typeof target !== 'object' || target === null || Array.isArray(target))
        return undefined;
    const record = target;
    const ref = record['$ref'];
    if (typeof ref !== 'string')
        return undefined;
    const refOnly = draft === 'draft-04' || draft === 'draft-06' || draft === 'draft-07' || Object.keys(record).length === 1;
    return refOnly ? { ref, base: stripFragment(uri) } : undefined;
}
function evaluatePointer(doc, pointer) {
    let at = doc;
    for (const raw of pointer.split('/').slice(1)) {
        const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
        if (Array.isArray(at) && /^(0|[1-9]\d*)$/.test(token) && Number(token) < at.length)
            at = at[Number(token)];
        else if (typeof at === 'object' && at !== null && !Array.isArray(at) && Object.hasOwn(at, token)) {
            at = at[token];
        }
        else
            return NOT_FOUND;
    }
    return at;
}
/**
 * `resolveUri` for a `$ref` against a base that is already a serialized URL without fragment: a plain
 * fragment is appended as it is (WHATWG URL encodes none of its characters), sparing a URL parse.
 */
function resolveRef(ref, base) {
    return PLAIN_FRAGMENT.test(ref) ? base + ref : resolveUri(ref, base);
}
function resolveUri(ref, base) {
    try {
        return new URL(ref, base).href;
    }
    catch {
        return undefined;
    }
}
const stripFragment = (uri) => {
    const hash = uri.indexOf('#');
    return hash < 0 ? uri : uri.slice(0, hash);
};
function decodeURIComponentSafe(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
