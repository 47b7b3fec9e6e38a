import { isRecord, pointer, unescapeToken } from "./canonical.js";
export const ROOT_BASE = 'schemata:/root.json';
const SCHEMA_MAPS = [
    'properties',
    'patternProperties',
    'definitions',
    '$defs',
    'dependentSchemas',
    'dependencies',
];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
const SCHEMA_SINGLES = [
    'not',
    'if',
    'then',
    'else',
    'items',
    'additionalItems',
    'additionalProperties',
    'contains',
    'propertyNames',
    'unevaluatedItems',
    'unevaluatedProperties',
    'contentSchema',
];
function resolveUri(ref, base) {
    try {
        return new URL(ref, base);
    }
    catch {
        return undefined;
    }
}
function withoutFragment(url) {
    return url.href.split('#')[0] ?? url.href;
}
/**
 * Resolves references within one side of a comparison (the document plus its registry references).
 * The documents are indexed on the first lookup: most schemas hold no `$ref` and never pay for it.
 */
export class RefResolver {
    root;
    references;
    draft;
    resources = new Map();
    anchors = new Map();
    dynamicAnchors = new Map();
    indexed = false;
    constructor(root, references, draft) {
        this.root = root;
        this.references = references;
        this.draft = draft;
    }
    ensureIndexed() {
        if (this.indexed)
            return;
        this.indexed = true;
        this.index(this.root, '#', ROOT_BASE, true);
        for (const [name, doc] of this.references) {
            const uri = resolveUri(name, ROOT_BASE);
            if (uri === undefined)
                continue;
            const key = withoutFragment(uri);
            if (this.resources.has(key))
                continue;
            this.index(doc, `${name}#`, key, false);
        }
    }
    index(raw, path, base, isRoot, depth = 0) {
        if (depth > 64)
            return;
        if (depth === 0)
            this.resources.set(base, { raw, path, base });
        if (!isRecord(raw))
            return;
        let here = base;
        const id = this.draft === 'draft-04' ? raw['id'] : raw['$id'];
        if (typeof id === 'string' && id.startsWith('#'))
            this.anchors.set(`${base}${id}`, { raw, path, base });
        else if (typeof id === 'string') {
            const uri = resolveUri(id, base);
            if (uri !== undefined) {
                here = withoutFragment(uri);
                this.resources.set(here, { raw, path, base: here });
            }
        }
        const anchor = raw['$anchor'];
        if (typeof anchor === 'string')
            this.anchors.set(`${here}#${anchor}`, { raw, path, base: here });
        const dynamic = raw['$dynamicAnchor'];
        if (typeof dynamic === 'string') {
            this.anchors.set(`${here}#${dynamic}`, { raw, path, base: here });
            if (isRoot && !this.dynamicAnchors.has(dynamic))
                this.dynamicAnchors.set(dynamic, { raw, path, base: here });
        }
        for (const key of SCHEMA_MAPS) {
            const map = raw[key];
            if (!isRecord(map))
                continue;
            for (const [name, sub] of Object.entries(map))
                this.index(sub, pointer(path, key, name), here, isRoot, depth + 1);
        }
        for (const key of SCHEMA_LISTS) {
            const list = raw[key];
            if (Array.isArray(list))
                list.forEach((sub, i) => this.index(sub, pointer(path, key, i), here, isRoot, depth + 1));
        }
        for (const key of SCHEMA_SINGLES) {
            const sub = raw[key];
            if (isRecord(sub))
                this.index(sub, pointer(path, key), here, isRoot, depth + 1);
        }
    }
    /** Base URI inside a subschema: its own `$id` (or `id` for draft-04) when it declares one. */
    baseOf(raw, base) {
        const id = this.draft === 'draft-04' ? raw['id'] : raw['$id'];
        if (typeof id !== 'string' || id.startsWith('#'))
            return base;
        const uri = resolveUri(id, base);
        return uri === undefined ? base : withoutFragment(uri);
    }
    resolve(ref, base) {
        this.ensureIndexed();
        const uri = resolveUri(ref, base);
        if (uri === undefined)
            return undefined;
        const doc = withoutFragment(uri);
        const fragment = uri.hash.startsWith('#') ? uri.hash.slice(1) : uri.hash;
        const resource = this.resources.get(doc);
        if (fragment === '')
            return resource;
        if (!fragment.startsWith('/'))
            return this.anchors.get(`${doc}#${decodeURIComponent(fragment)}`);
        if (resource === undefined)
            return undefined;
        return this.walk(resource, fragment);
    }
    /** `$dynamicRef`/`$recursiveRef`: the outermost (root) dynamic anchor when there is one, else static. */
    resolveDynamic(ref, base) {
        this.ensureIndexed();
        const name = ref.startsWith('#') ? ref.slice(1) : undefined;
        if (name !== undefined && name !== '' && !name.startsWith('/')) {
            const dynamic = this.dynamicAnchors.get(name);
            if (dynamic !== undefined)
                return dynamic;
        }
        return this.resolve(ref, base);
    }
    walk(resource, fragment) {
        let node = resource.raw;
        let path = resource.path;
        let base = resource.base;
        for (const raw of fragment.split('/').slice(1)) {
            const token = unescapeToken(raw);
            if (Array.isArray(node)) {
                if (!/^\d+$/.test(token))
                    return undefined;
                node = node[Number(token)];
            }
            else if (isRecord(node)) {
                if (!Object.hasOwn(node, token))
                    return undefined;
                node = node[token];
            }
            else
                return undefined;
            path = pointer(path, token);
            if (isRecord(node))
                base = this.baseOf(node, base);
        }
        return node === undefined ? undefined : { raw: node, path, base };
    }
}
