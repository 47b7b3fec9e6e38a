/**
 * Raw JSON Schema document → normal form (reference §3): booleans, one vocabulary for all drafts, mixed
 * keyword groups as an intersection, conditionals rewritten, references resolved lazily (so recursive
 * schemas normalise in finite time). Depth is bounded: deeper documents fail closed.
 */
import { detectDraft } from "../../schema/json/drafts.js";
import { isRecord, pointer } from "./canonical.js";
import { KeyTexts } from "./key-texts.js";
import { boolNode, conj, distribute, invalidNode, notNode, productNode, unionNode } from "./nodes.js";
import { RefResolver, ROOT_BASE } from "./refs.js";
import { newId } from "./types.js";
import { ANNOTATION, ANNOTATIONS, ARRAY, ENUM, groupsOf, IN_PLACE, NOT, NUMBER, OBJECT, STRING, TYPE, } from "./keyword-groups.js";
import { readArray } from "./vocab-array.js";
import { readObject } from "./vocab-object.js";
import { readEnum, readNumber, readString, readTypes } from "./vocabulary.js";
export const MAX_DEPTH = 64;
/** Canonical identity of a reference-free subschema (with its draft); equal keys mean equal semantics. */
export function keyOf(node) {
    return node.key;
}
// Set once, right after the node is built (a field rather than a WeakMap: the engine reads it per pair).
function setKey(node, key) {
    node.key = key;
}
/** The subschemas of one schema object: same base URI, one level deeper (a class: no closure per node). */
class Scope {
    ctx;
    base;
    composite;
    depth;
    constructor(ctx, base, composite, depth) {
        this.ctx = ctx;
        this.base = base;
        this.composite = composite;
        this.depth = depth;
    }
    child(raw, path) {
        return normaliseNode(raw, path, this.base, this.ctx, this.composite, this.depth);
    }
    /** A subschema ajv evaluates inside anyOf/oneOf/not/if, where it applies no defaults. */
    inner(raw, path) {
        return normaliseNode(raw, path, this.base, this.ctx, true, this.depth);
    }
}
function refNode(ref, dynamic, path, base, ctx, composite) {
    let resolved;
    const resolve = () => {
        if (resolved !== undefined)
            return resolved;
        const target = dynamic ? ctx.resolver.resolveDynamic(ref, base) : ctx.resolver.resolve(ref, base);
        if (target === undefined) {
            resolved = invalidNode('UNRESOLVED_REFERENCE', `$ref "${ref}" cannot be resolved`, path);
            return resolved;
        }
        const cacheKey = `${target.path}|${composite ? 'c' : ''}`;
        resolved = ctx.targets.get(cacheKey);
        if (resolved === undefined) {
            resolved = normaliseNode(target.raw, target.path, target.base, ctx, composite, 0);
            ctx.targets.set(cacheKey, resolved);
        }
        return resolved;
    };
    return { kind: 'ref', id: newId(), path, ref, resolve };
}
/** The `$ref` (else `$dynamicRef`, else `$recursiveRef`) of a schema object, as a lazily resolved node. */
function referenceOf(raw, path, base, ctx, composite) {
    if (typeof raw['$ref'] === 'string')
        return refNode(raw['$ref'], false, path, base, ctx, composite);
    if (typeof raw['$dynamicRef'] === 'string')
        return refNode(raw['$dynamicRef'], true, path, base, ctx, composite);
    if (typeof raw['$recursiveRef'] === 'string')
        return refNode(raw['$recursiveRef'], true, path, base, ctx, composite);
    return undefined;
}
function nonEmptyList(raw, keyword) {
    const v = raw[keyword];
    return Array.isArray(v) && v.length > 0 ? v : undefined;
}
/** allOf / anyOf / oneOf / not / if-then-else of one schema object, appended to `parts` in that order. */
function combinators(raw, path, scope, parts) {
    nonEmptyList(raw, 'allOf')?.forEach((s, i) => parts.push(scope.child(s, pointer(path, 'allOf', i))));
    for (const k of ['anyOf', 'oneOf']) {
        const branches = nonEmptyList(raw, k)?.map((s, i) => scope.inner(s, pointer(path, k, i)));
        if (branches !== undefined)
            parts.push(unionNode(k, branches, pointer(path, k)));
    }
    if (Object.hasOwn(raw, 'not'))
        parts.push(notNode(scope.inner(raw['not'], pointer(path, 'not')), pointer(path, 'not')));
    if (Object.hasOwn(raw, 'if')) {
        const at = pointer(path, 'if');
        const cond = scope.inner(raw['if'], at);
        const then = Object.hasOwn(raw, 'then')
            ? scope.child(raw['then'], pointer(path, 'then'))
            : boolNode(true, at);
        const otherwise = Object.hasOwn(raw, 'else')
            ? scope.child(raw['else'], pointer(path, 'else'))
            : boolNode(true, at);
        parts.push(unionNode('anyOf', [conj(cond, then), conj(notNode(cond, at), otherwise)], at));
    }
}
function normaliseNode(raw, path, base, ctx, composite, depth) {
    if (depth > MAX_DEPTH)
        return invalidNode('SCHEMA_TOO_COMPLEX', `nesting deeper than ${MAX_DEPTH} levels`, path);
    if (typeof raw === 'boolean') {
        const n = boolNode(raw, path);
        setKey(n, `${raw}`);
        return n;
    }
    if (!isRecord(raw))
        return invalidNode('INVALID_SCHEMA', 'a schema must be an object or a boolean', path);
    const here = ctx.resolver.baseOf(raw, base);
    const scope = new Scope(ctx, here, composite, depth + 1);
    const groups = groupsOf(raw);
    const inPlace = (groups & IN_PLACE) !== 0;
    const types = groups & TYPE ? readTypes(raw) : undefined;
    const string = groups & STRING ? readString(raw, path) : undefined;
    const object = groups & OBJECT ? readObject(raw, path, ctx.draft, scope, composite, inPlace) : undefined;
    const array = groups & ARRAY ? readArray(raw, path, ctx.draft, scope, inPlace) : undefined;
    if (types === null || string === 'invalid' || object === 'invalid' || array === 'invalid') {
        return invalidNode('INVALID_SCHEMA', 'the schema has a malformed keyword', path);
    }
    const number = groups & NUMBER ? readNumber(raw, path, ctx.draft) : undefined;
    const en = groups & ENUM ? readEnum(raw, path) : undefined;
    const parts = [];
    if (types || en || string || number || object || array) {
        const simple = {
            kind: 'simple',
            id: newId(),
            path,
        };
        if (types)
            simple.types = types;
        if (en)
            simple.enum = en;
        if (string)
            simple.string = string;
        if (number)
            simple.number = number;
        if (object)
            simple.object = object;
        if (array)
            simple.array = array;
        parts.push(simple);
    }
    if (groups & (IN_PLACE | NOT))
        combinators(raw, path, scope, parts);
    const ref = inPlace ? referenceOf(raw, path, here, ctx, composite) : undefined;
    let node;
    if (ref === undefined)
        node = distribute(productNode(parts, path));
    else {
        const siblings = distribute(productNode(parts, path));
        const legacy = ctx.draft !== '2019-09' && ctx.draft !== '2020-12';
        if (siblings.kind === 'bool' && siblings.value)
            node = ref;
        else if (legacy) {
            // The spec ignores keywords beside $ref before 2019-09; ajv applies them. Writers use the spec, readers ajv.
            const legacyNode = {
                kind: 'allOf',
                id: newId(),
                path,
                factors: [ref, siblings],
                writerFactors: [ref],
            };
            node = legacyNode;
        }
        else
            node = productNode([ref, siblings], path);
    }
    if (node.key === undefined) {
        const text = ctx.texts.keyText(raw, groups & ANNOTATION ? ANNOTATIONS : undefined);
        // Joined, not concatenated: a flat string compares and hashes fast.
        if (text !== undefined)
            setKey(node, [ctx.draft, composite ? 'c' : '', text].join('|'));
    }
    return node;
}
/** Normalises one side of a comparison. An unknown `$schema` draft yields an invalid root (fail closed). */
export function normaliseSchema(document, references, fingerprint) {
    const draft = detectDraft(document);
    if (draft === undefined) {
        const root = invalidNode('UNSUPPORTED_DRAFT', 'the $schema draft is not supported', '#');
        return { root, draft, document, references, fingerprint };
    }
    const resolver = new RefResolver(document, references, draft);
    const ctx = { draft, resolver, targets: new Map(), texts: new KeyTexts() };
    const base = isRecord(document) ? resolver.baseOf(document, ROOT_BASE) : ROOT_BASE;
    const root = normaliseNode(document, '#', base, ctx, false, 0);
    return { root, draft, document, references, fingerprint };
}
