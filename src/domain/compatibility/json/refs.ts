/**
 * `$ref` resolution (reference §7.4): local JSON Pointers, anchors, `$id`-based URIs and registry
 * references (a name → document map supplied by the caller). Nothing is ever fetched.
 */
import type { Draft } from '../../schema/json/drafts.ts';
import { isRecord, pointer, unescapeToken } from './canonical.ts';

export const ROOT_BASE = 'schemata:/root.json';

export interface Target {
  readonly raw: unknown;
  /** Pointer of the target as reported in differences (`#/definitions/a`, `other.json#/x`). */
  readonly path: string;
  readonly base: string;
}

interface Resource {
  readonly raw: unknown;
  readonly path: string;
  readonly base: string;
}

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

function resolveUri(ref: string, base: string): URL | undefined {
  try {
    return new URL(ref, base);
  } catch {
    return undefined;
  }
}

function withoutFragment(url: URL): string {
  return url.href.split('#')[0] ?? url.href;
}

/**
 * Resolves references within one side of a comparison (the document plus its registry references).
 * The documents are indexed on the first lookup: most schemas hold no `$ref` and never pay for it.
 */
export class RefResolver {
  private readonly resources = new Map<string, Resource>();
  private readonly anchors = new Map<string, Resource>();
  private readonly dynamicAnchors = new Map<string, Resource>();
  private indexed = false;

  constructor(
    private readonly root: unknown,
    private readonly references: ReadonlyMap<string, unknown>,
    private readonly draft: Draft,
  ) {}

  private ensureIndexed(): void {
    if (this.indexed) return;
    this.indexed = true;
    this.index(this.root, '#', ROOT_BASE, true);
    for (const [name, doc] of this.references) {
      const uri = resolveUri(name, ROOT_BASE);
      if (uri === undefined) continue;
      const key = withoutFragment(uri);
      if (this.resources.has(key)) continue;
      this.index(doc, `${name}#`, key, false);
    }
  }

  private index(raw: unknown, path: string, base: string, isRoot: boolean, depth = 0): void {
    if (depth > 64) return;
    if (depth === 0) this.resources.set(base, { raw, path, base });
    if (!isRecord(raw)) return;
    let here = base;
    const id = this.draft === 'draft-04' ? raw['id'] : raw['$id'];
    if (typeof id === 'string' && id.startsWith('#')) this.anchors.set(`${base}${id}`, { raw, path, base });
    else if (typeof id === 'string') {
      const uri = resolveUri(id, base);
      if (uri !== undefined) {
        here = withoutFragment(uri);
        this.resources.set(here, { raw, path, base: here });
      }
    }
    const anchor = raw['$anchor'];
    if (typeof anchor === 'string') this.anchors.set(`${here}#${anchor}`, { raw, path, base: here });
    const dynamic = raw['$dynamicAnchor'];
    if (typeof dynamic === 'string') {
      this.anchors.set(`${here}#${dynamic}`, { raw, path, base: here });
      if (isRoot && !this.dynamicAnchors.has(dynamic))
        this.dynamicAnchors.set(dynamic, { raw, path, base: here });
    }
    for (const key of SCHEMA_MAPS) {
      const map = raw[key];
      if (!isRecord(map)) continue;
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
      if (isRecord(sub)) this.index(sub, pointer(path, key), here, isRoot, depth + 1);
    }
  }

  /** Base URI inside a subschema: its own `$id` (or `id` for draft-04) when it declares one. */
  baseOf(raw: Record<string, unknown>, base: string): string {
    const id = this.draft === 'draft-04' ? raw['id'] : raw['$id'];
    if (typeof id !== 'string' || id.startsWith('#')) return base;
    const uri = resolveUri(id, base);
    return uri === undefined ? base : withoutFragment(uri);
  }

  resolve(ref: string, base: string): Target | undefined {
    this.ensureIndexed();
    const uri = resolveUri(ref, base);
    if (uri === undefined) return undefined;
    const doc = withoutFragment(uri);
    const fragment = uri.hash.startsWith('#') ? uri.hash.slice(1) : uri.hash;
    const resource = this.resources.get(doc);
    if (fragment === '') return resource;
    if (!fragment.startsWith('/')) return this.anchors.get(`${doc}#${decodeURIComponent(fragment)}`);
    if (resource === undefined) return undefined;
    return this.walk(resource, fragment);
  }

  /** `$dynamicRef`/`$recursiveRef`: the outermost (root) dynamic anchor when there is one, else static. */
  resolveDynamic(ref: string, base: string): Target | undefined {
    this.ensureIndexed();
    const name = ref.startsWith('#') ? ref.slice(1) : undefined;
    if (name !== undefined && name !== '' && !name.startsWith('/')) {
      const dynamic = this.dynamicAnchors.get(name);
      if (dynamic !== undefined) return dynamic;
    }
    return this.resolve(ref, base);
  }

  private walk(resource: Resource, fragment: string): Target | undefined {
    let node: unknown = resource.raw;
    let path = resource.path;
    let base = resource.base;
    for (const raw of fragment.split('/').slice(1)) {
      const token = unescapeToken(raw);
      if (Array.isArray(node)) {
        if (!/^\d+$/.test(token)) return undefined;
        node = node[Number(token)];
      } else if (isRecord(node)) {
        if (!Object.hasOwn(node, token)) return undefined;
        node = node[token];
      } else return undefined;
      path = pointer(path, token);
      if (isRecord(node)) base = this.baseOf(node, base);
    }
    return node === undefined ? undefined : { raw: node, path, base };
  }
}
