import { ajvFacts, fullPath, normalizeId } from "./ajvFacts.js";
import { vocabularyOf } from "./vocabulary.js";
/**
 * Proves that ajv, compiling the document `root`, resolves `ref` to one of its sub-schemas or to a
 * whole registry document, by following ajv's own steps with ajv's own URI resolver. Valid only for
 * documents that are one resource each: no nested identifiers (the inspection makes sure of that).
 * Anything unusual answers `false`, which only means "let ajv decide".
 */
export function resolvesSurely(ref, root, scope) {
    // ajv calls the root validator directly for these, but only when the root has its own base URI.
    if ((ref === '#' || ref === '#/') && scope.base === scope.rootId)
        return true;
    let fragment;
    // '#/' alone is shortened by ajv before resolving: it takes the resolver's path.
    if (ref !== '#/' && scope.plainFragmentsStayHere && PLAIN_FRAGMENT.test(ref))
        fragment = ref.slice(1);
    else {
        const resolved = resolution(ref, scope);
        if (resolved === undefined)
            return false;
        // ajv looks the URI up among what it holds first: a registry document is compiled whole.
        if (scope.registry.has(resolved.full))
            return true;
        if (scope.known.has(resolved.full) || !resolved.sameDocument)
            return false;
        fragment = resolved.fragment;
    }
    if (fragment === undefined || !fragment.startsWith('/'))
        return false;
    const target = followPointer(root, fragment.slice(1).split('/'), scope);
    return target !== undefined && !continuesChain(target, scope.rules);
}
/**
 * A `$ref` that is only a fragment made of characters URIs never re-encode. Resolving it keeps the base
 * and appends the fragment unchanged, so whether it lands in this document is the same for all of them:
 * one resolution per base answers for every such `$ref` (most schemas' `$ref`s look like this).
 */
export const PLAIN_FRAGMENT = /^#[A-Za-z0-9\-._~!$&'()*+,;=:@/]+$/;
/**
 * The scope of a document ajv holds under `rootId` (already normalised; '' for none), with the registry
 * documents ajv holds beside it; undefined when ajv's resolver cannot handle the identifier.
 */
export function refScope(draft, rootId, registry = NO_REGISTRY) {
    const facts = ajvFacts(draft);
    try {
        const rootPath = fullPath(facts.resolver, rootId);
        const base = rootId || rootPath;
        const known = registry.size === 0 ? facts.known : new Set([...facts.known, ...registry.keys()]);
        const scope = {
            ...facts,
            draft,
            rootId,
            base,
            rootPath,
            known,
            registry,
            plainFragmentsStayHere: false,
            resolutions: cachedResolutions(draft, base),
        };
        const probe = resolution('#/probe', scope);
        // A registry URI with a fragment could catch a plain fragment before the document does.
        const stayHere = probe !== undefined &&
            probe.sameDocument &&
            probe.fragment === '/probe' &&
            ![...registry.keys()].some((uri) => uri.includes('#'));
        return { ...scope, plainFragmentsStayHere: stayHere };
    }
    catch {
        return undefined;
    }
}
const NO_REGISTRY = new Map();
function resolution(ref, scope) {
    if (scope.resolutions.has(ref))
        return scope.resolutions.get(ref);
    let resolved;
    try {
        const full = scope.resolver.resolve(scope.base, normalizeId(ref));
        const fragment = scope.resolver.parse(full).fragment;
        const sameDocument = fullPath(scope.resolver, full, false) === scope.rootPath;
        resolved = { full, fragment: typeof fragment === 'string' ? fragment : undefined, sameDocument };
    }
    catch {
        resolved = undefined;
    }
    if (scope.resolutions.size >= MAX_CACHED_REFS)
        scope.resolutions.clear();
    scope.resolutions.set(ref, resolved);
    return resolved;
}
const MAX_CACHED_BASES = 64;
const MAX_CACHED_REFS = 4096;
const resolutionCache = new Map();
function cachedResolutions(draft, base) {
    const key = `${draft}\u0000${base}`;
    let resolutions = resolutionCache.get(key);
    if (resolutions === undefined) {
        if (resolutionCache.size >= MAX_CACHED_BASES)
            resolutionCache.clear();
        resolutionCache.set(key, (resolutions = new Map()));
    }
    return resolutions;
}
/**
 * The sub-schema a JSON Pointer names, walking only through keywords that hold sub-schemas (so the target
 * was meta-validated as a schema); undefined for anything else, including a step onto an object carrying
 * an identifier (ajv would change the base URI there).
 */
function followPointer(root, tokens, scope) {
    let node = root;
    let expect = 'schema';
    for (const raw of tokens) {
        const token = unescapeToken(raw);
        if (token === undefined)
            return undefined;
        if (expect === 'list') {
            if (!Array.isArray(node) || !/^(0|[1-9]\d*)$/.test(token) || Number(token) >= node.length)
                return undefined;
            node = node[Number(token)];
            expect = 'schema';
            continue;
        }
        if (!isRecord(node) || !Object.hasOwn(node, token))
            return undefined;
        const value = node[token];
        if (expect === 'schema') {
            const shape = vocabularyOf(scope.draft).get(token);
            if (shape === 'schema')
                expect = 'schema';
            else if (shape === 'list')
                expect = 'list';
            else if (shape === 'schemaOrList')
                expect = Array.isArray(value) ? 'list' : 'schema';
            else if (shape === 'map' || shape === 'dependencies')
                expect = shape;
            else
                return undefined;
        }
        else {
            if (expect === 'dependencies' && Array.isArray(value))
                return undefined;
            expect = 'schema';
        }
        if (isRecord(value) && Object.hasOwn(value, scope.idKey))
            return undefined;
        node = value;
    }
    if (expect !== 'schema')
        return undefined;
    return typeof node === 'boolean' || isRecord(node) ? node : undefined;
}
/** A `$ref` with no compiled keyword beside it makes ajv follow it further; the proof stops there. */
function continuesChain(target, rules) {
    if (!isRecord(target) || !target['$ref'])
        return false;
    for (const key of Object.keys(target))
        if (key !== '$ref' && rules.has(key))
            return false;
    return true;
}
/** A pointer token as ajv reads it: percent-decoded, then `~1` → `/` and `~0` → `~`. */
function unescapeToken(raw) {
    try {
        return decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    }
    catch {
        return undefined;
    }
}
const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
