import type { Draft } from './drafts.ts';
import { DEFAULT_SCHEMA_LIMITS, limitNote, type SchemaLimits } from './limits.ts';
import { PLAIN_FRAGMENT } from './refTargets.ts';

/** Base URI for documents without an absolute `$id`, so relative refs and reference names resolve alike. */
const SYNTHETIC_BASE = 'https://schemata.invalid/';

/** Keywords whose values are instance data, never schemas: a `$ref` inside them is just a string. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);

interface Index {
  resources: Map<string, unknown>;
  anchors: Map<string, unknown>;
}

/**
 * Checks that every `$ref` of `doc` resolves to a local JSON Pointer, anchor or embedded `$id`, or to a
 * registry reference by name; never looks anything up over the network. Also rejects `$ref` chains longer
 * than the limit, cycles made only of `$ref`s, and documents whose `$ref`s expand them past the limit
 * (definitions that each refer to the previous one twice double at every step). Returns a sentence
 * describing the first problem.
 */
export function findRefProblem(
  doc: unknown,
  draft: Draft,
  references: ReadonlyMap<string, unknown>,
  limits: SchemaLimits = DEFAULT_SCHEMA_LIMITS,
): string | undefined {
  const index: Index = { resources: new Map(), anchors: new Map() };
  for (const [name, refDoc] of references) {
    const base = resolveUri(name, SYNTHETIC_BASE) ?? name;
    index.resources.set(base, refDoc);
    index.resources.set(name, refDoc);
    collect(refDoc, base, draft, index, []);
  }
  const rootBase = SYNTHETIC_BASE;
  const refs: Array<[ref: string, base: string]> = [];
  collect(doc, rootBase, draft, index, refs, true);
  if (!index.resources.has(rootBase)) index.resources.set(rootBase, doc);
  // Schemas repeat the same few `$ref`s: follow each (ref, base) pair once.
  const followed = new Set<string>();
  for (const [ref, base] of refs) {
    const key = `${base}\u0000${ref}`;
    if (followed.has(key)) continue;
    followed.add(key);
    const problem = followChain(ref, base, index, draft, limits);
    if (problem !== undefined) return problem;
  }
  return new Expansion(index, limits.maxRefExpansion).exceeds(doc, rootBase)
    ? `The schema expands to more than ${limits.maxRefExpansion} subschemas when its $refs are followed ${limitNote(limits, 'maxRefExpansion')}.`
    : undefined;
}

/**
 * Counts the subschemas a document amounts to with every `$ref` replaced by its target, each target
 * counted once per path that reaches it (a recursive `$ref` counts once): what an evaluation of it may
 * visit. Sizes are memoised per schema object, so the count costs one pass however large it is.
 */
class Expansion {
  private readonly sizes = new Map<object, number>();
  private readonly open = new Set<object>();

  constructor(
    private readonly index: Index,
    private readonly limit: number,
  ) {}

  exceeds(doc: unknown, base: string): boolean {
    try {
      return this.size(doc, base) > this.limit;
    } catch (error) {
      // A chain of targets deep enough to exhaust the stack is past any sensible bound.
      if (error instanceof RangeError) return true;
      throw error;
    }
  }

  /** The expanded size, saturated just past the limit so counts never grow without bound. */
  private size(node: unknown, parentBase: string): number {
    if (typeof node !== 'object' || node === null) return 1;
    const known = this.sizes.get(node);
    if (known !== undefined) return known;
    if (this.open.has(node)) return 1;
    this.open.add(node);
    let total = 1;
    if (Array.isArray(node)) {
      for (const item of node) total = this.add(total, this.size(item, parentBase));
    } else {
      const record = node as Record<string, unknown>;
      const id = record['$id'] ?? record['id'];
      const base =
        typeof id === 'string' && !id.startsWith('#')
          ? (resolveUri(id, parentBase) ?? parentBase)
          : parentBase;
      for (const key in record) {
        if (DATA_KEYWORDS.has(key)) continue;
        const value = record[key];
        if (key === '$ref' && typeof value === 'string') total = this.add(total, this.target(value, base));
        else total = this.add(total, this.size(value, base));
        if (total > this.limit) break;
      }
    }
    this.open.delete(node);
    this.sizes.set(node, total);
    return total;
  }

  private target(ref: string, base: string): number {
    const uri = resolveRef(ref, base);
    if (uri === undefined) return 1;
    const target = lookup(uri, this.index);
    return target === NOT_FOUND ? 1 : this.size(target, stripFragment(uri));
  }

  private add(a: number, b: number): number {
    return Math.min(a + b, this.limit + 1);
  }
}

/** Registers resources (`$id`) and anchors under their absolute URIs; gathers `$ref`s with their base URI. */
function collect(
  node: unknown,
  parentBase: string,
  draft: Draft,
  index: Index,
  refs: Array<[string, string]>,
  isRoot = false,
): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, parentBase, draft, index, refs);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  let base = parentBase;
  const id = draft === 'draft-04' ? record['id'] : record['$id'];
  if (typeof id === 'string') {
    if (id.startsWith('#') && (draft === 'draft-06' || draft === 'draft-07' || draft === 'draft-04')) {
      index.anchors.set(`${stripFragment(base)}${id}`, node);
    } else {
      const resolved = resolveUri(id, base);
      if (resolved !== undefined) {
        base = stripFragment(resolved);
        index.resources.set(base, node);
        if (isRoot) index.resources.set(SYNTHETIC_BASE, node);
      }
    }
  }
  const anchor = record['$anchor'] ?? record['$dynamicAnchor'];
  if (typeof anchor === 'string') index.anchors.set(`${stripFragment(base)}#${anchor}`, node);
  if (typeof record['$ref'] === 'string') refs.push([record['$ref'], base]);
  for (const key in record) {
    if (!DATA_KEYWORDS.has(key)) collect(record[key], base, draft, index, refs);
  }
}

/** Follows a `$ref` and any `$ref`-only schemas it lands on, bounded, failing on cycles. */
function followChain(
  ref: string,
  base: string,
  index: Index,
  draft: Draft,
  limits: SchemaLimits,
): string | undefined {
  const seen = new Set<string>();
  let current: { ref: string; base: string } | undefined = { ref, base };
  for (let hops = 0; current !== undefined; hops++) {
    if (hops >= limits.maxRefChain) {
      return `The $ref chain starting at '${ref}' is longer than ${limits.maxRefChain} hops ${limitNote(limits, 'maxRefChain')}.`;
    }
    const uri = resolveRef(current.ref, current.base);
    if (uri === undefined) return `$ref '${current.ref}' is not a valid URI reference.`;
    if (seen.has(uri)) return `$ref '${ref}' leads to a cycle made only of $refs.`;
    seen.add(uri);
    const target = lookup(uri, index);
    if (target === NOT_FOUND) {
      return (
        `$ref '${current.ref}' cannot be resolved: it is neither a local reference nor the name of an entry ` +
        `in 'references' (Schemata never fetches schemas over the network).`
      );
    }
    current = nextHop(target, uri, draft);
  }
  return undefined;
}

const NOT_FOUND = Symbol('not found');
const META_SCHEMA =
  /^https?:\/\/json-schema\.org\/(draft-0[467]\/schema|draft\/20(19-09|20-12)\/(schema|meta\/[a-z-]+))$/;

function lookup(uri: string, index: Index): unknown {
  const hash = uri.indexOf('#');
  const resourceUri = hash < 0 ? uri : uri.slice(0, hash);
  const fragment = hash < 0 ? '' : decodeURIComponentSafe(uri.slice(hash + 1));
  if (fragment !== '' && !fragment.startsWith('/')) {
    return index.anchors.has(uri) ? index.anchors.get(uri) : NOT_FOUND;
  }
  // Meta-schemas are built into every ajv instance; a `$ref` to one is legitimate and needs no fetch.
  if (!index.resources.has(resourceUri)) return META_SCHEMA.test(resourceUri) ? {} : NOT_FOUND;
  return fragment === ''
    ? index.resources.get(resourceUri)
    : evaluatePointer(index.resources.get(resourceUri), fragment);
}

/** Only a schema that is nothing but a `$ref` (siblings ignored up to draft-07) continues the chain. */
function nextHop(target: unknown, uri: string, draft: Draft): { ref: string; base: string } | undefined {
  if (typeof target !== 'object' || target === null || Array.isArray(target)) return undefined;
  const record = target as Record<string, unknown>;
  const ref = record['$ref'];
  if (typeof ref !== 'string') return undefined;
  const refOnly =
    draft === 'draft-04' || draft === 'draft-06' || draft === 'draft-07' || Object.keys(record).length === 1;
  return refOnly ? { ref, base: stripFragment(uri) } : undefined;
}

function evaluatePointer(doc: unknown, pointer: string): unknown {
  let at: unknown = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(at) && /^(0|[1-9]\d*)$/.test(token) && Number(token) < at.length)
      at = at[Number(token)];
    else if (typeof at === 'object' && at !== null && !Array.isArray(at) && Object.hasOwn(at, token)) {
      at = (at as Record<string, unknown>)[token];
    } else return NOT_FOUND;
  }
  return at;
}

/**
 * `resolveUri` for a `$ref` against a base that is already a serialized URL without fragment: a plain
 * fragment is appended as it is (WHATWG URL encodes none of its characters), sparing a URL parse.
 */
function resolveRef(ref: string, base: string): string | undefined {
  return PLAIN_FRAGMENT.test(ref) ? base + ref : resolveUri(ref, base);
}

function resolveUri(ref: string, base: string): string | undefined {
  try {
    return new URL(ref, base).href;
  } catch {
    return undefined;
  }
}

const stripFragment = (uri: string): string => {
  const hash = uri.indexOf('#');
  return hash < 0 ? uri : uri.slice(0, hash);
};

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
