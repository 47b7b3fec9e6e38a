/**
 * Raw JSON Schema document → normal form (reference §3): booleans, one vocabulary for all drafts, mixed
 * keyword groups as an intersection, conditionals rewritten, references resolved lazily (so recursive
 * schemas normalise in finite time). Depth is bounded: deeper documents fail closed.
 */
import { detectDraft, type Draft } from '../../schema/json/drafts.ts';
import { canonical, isRecord, pointer } from './canonical.ts';
import { boolNode, conj, distribute, invalidNode, notNode, productNode, unionNode } from './nodes.ts';
import { RefResolver, ROOT_BASE } from './refs.ts';
import type { Node, NormalisedSchema, ProductNode, RefNode, SimpleNode } from './types.ts';
import { newId } from './types.ts';
import { readArray } from './vocab-array.ts';
import { readObject } from './vocab-object.ts';
import { readEnum, readNumber, readString, readTypes } from './vocabulary.ts';

export const MAX_DEPTH = 64;

const ANNOTATIONS = [
  'title',
  'description',
  '$comment',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$schema',
  '$id',
  'id',
  'format',
  'contentEncoding',
  'contentMediaType',
  'contentSchema',
];
const IN_PLACE = ['allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', '$ref', '$dynamicRef', '$recursiveRef'];
const REF_KEYS = ['$ref', '$dynamicRef', '$recursiveRef'];

const nodeKeys = new WeakMap<Node, string>();

/** Canonical identity of a reference-free subschema (with its draft); equal keys mean equal semantics. */
export function keyOf(node: Node): string | undefined {
  return nodeKeys.get(node);
}

function containsRef(raw: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) return true;
  if (Array.isArray(raw)) return raw.some((x) => containsRef(x, depth + 1));
  if (!isRecord(raw)) return false;
  for (const [k, v] of Object.entries(raw))
    if (REF_KEYS.includes(k) || containsRef(v, depth + 1)) return true;
  return false;
}

interface Ctx {
  readonly draft: Draft;
  readonly resolver: RefResolver;
  readonly targets: Map<string, Node>;
}

function refNode(
  ref: string,
  dynamic: boolean,
  path: string,
  base: string,
  ctx: Ctx,
  composite: boolean,
): RefNode {
  let resolved: Node | undefined;
  const resolve = (): Node => {
    if (resolved !== undefined) return resolved;
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

function normaliseNode(
  raw: unknown,
  path: string,
  base: string,
  ctx: Ctx,
  composite: boolean,
  depth: number,
): Node {
  if (depth > MAX_DEPTH)
    return invalidNode('SCHEMA_TOO_COMPLEX', `nesting deeper than ${MAX_DEPTH} levels`, path);
  if (typeof raw === 'boolean') {
    const n = boolNode(raw, path);
    nodeKeys.set(n, `${raw}`);
    return n;
  }
  if (!isRecord(raw)) return invalidNode('INVALID_SCHEMA', 'a schema must be an object or a boolean', path);
  const here = ctx.resolver.baseOf(raw, base);
  const child = (sub: unknown, p: string) => normaliseNode(sub, p, here, ctx, composite, depth + 1);
  const inner = (sub: unknown, p: string) => normaliseNode(sub, p, here, ctx, true, depth + 1);
  const inPlace = IN_PLACE.some((k) => Object.hasOwn(raw, k));
  const types = readTypes(raw);
  const string = readString(raw, path);
  const object = readObject(raw, path, ctx.draft, child, composite, inPlace);
  const array = readArray(raw, path, ctx.draft, child, inPlace);
  if (types === null || string === 'invalid' || object === 'invalid' || array === 'invalid') {
    return invalidNode('INVALID_SCHEMA', 'the schema has a malformed keyword', path);
  }
  const number = readNumber(raw, path, ctx.draft);
  const en = readEnum(raw, path);
  const parts: Node[] = [];
  if (types || en || string || number || object || array) {
    const simple: SimpleNode = {
      kind: 'simple',
      id: newId(),
      path,
      ...(types && { types }),
      ...(en && { enum: en }),
      ...(string && { string }),
      ...(number && { number }),
      ...(object && { object }),
      ...(array && { array }),
    };
    parts.push(simple);
  }
  const list = (k: string): unknown[] | undefined => {
    const v = raw[k];
    return Array.isArray(v) && v.length > 0 ? v : undefined;
  };
  list('allOf')?.forEach((s, i) => parts.push(child(s, pointer(path, 'allOf', i))));
  for (const k of ['anyOf', 'oneOf'] as const) {
    const branches = list(k)?.map((s, i) => inner(s, pointer(path, k, i)));
    if (branches !== undefined) parts.push(unionNode(k, branches, pointer(path, k)));
  }
  if (Object.hasOwn(raw, 'not'))
    parts.push(notNode(inner(raw['not'], pointer(path, 'not')), pointer(path, 'not')));
  if (Object.hasOwn(raw, 'if')) {
    const at = pointer(path, 'if');
    const cond = inner(raw['if'], at);
    const then = Object.hasOwn(raw, 'then') ? child(raw['then'], pointer(path, 'then')) : boolNode(true, at);
    const otherwise = Object.hasOwn(raw, 'else')
      ? child(raw['else'], pointer(path, 'else'))
      : boolNode(true, at);
    parts.push(unionNode('anyOf', [conj(cond, then), conj(notNode(cond, at), otherwise)], at));
  }
  let ref: RefNode | undefined;
  if (typeof raw['$ref'] === 'string') ref = refNode(raw['$ref'], false, path, here, ctx, composite);
  else if (typeof raw['$dynamicRef'] === 'string')
    ref = refNode(raw['$dynamicRef'], true, path, here, ctx, composite);
  else if (typeof raw['$recursiveRef'] === 'string')
    ref = refNode(raw['$recursiveRef'], true, path, here, ctx, composite);
  let node: Node;
  if (ref === undefined) node = distribute(productNode(parts, path));
  else {
    const siblings = distribute(productNode(parts, path));
    const legacy = ctx.draft !== '2019-09' && ctx.draft !== '2020-12';
    if (siblings.kind === 'bool' && siblings.value) node = ref;
    else if (legacy) {
      // The spec ignores keywords beside $ref before 2019-09; ajv applies them. Writers use the spec, readers ajv.
      const legacyNode: ProductNode = {
        kind: 'allOf',
        id: newId(),
        path,
        factors: [ref, siblings],
        writerFactors: [ref],
      };
      node = legacyNode;
    } else node = productNode([ref, siblings], path);
  }
  if (!nodeKeys.has(node) && !containsRef(raw)) {
    const stripped = Object.fromEntries(Object.entries(raw).filter(([k]) => !ANNOTATIONS.includes(k)));
    nodeKeys.set(node, `${ctx.draft}|${composite ? 'c' : ''}|${canonical(stripped)}`);
  }
  return node;
}

/** Normalises one side of a comparison. An unknown `$schema` draft yields an invalid root (fail closed). */
export function normaliseSchema(
  document: unknown,
  references: ReadonlyMap<string, unknown>,
  fingerprint: string,
): NormalisedSchema {
  const draft = detectDraft(document);
  if (draft === undefined) {
    const root = invalidNode('UNSUPPORTED_DRAFT', 'the $schema draft is not supported', '#');
    return { root, draft, document, references, fingerprint };
  }
  const resolver = new RefResolver(document, references, draft);
  const ctx: Ctx = { draft, resolver, targets: new Map() };
  const base = isRecord(document) ? resolver.baseOf(document, ROOT_BASE) : ROOT_BASE;
  const root = normaliseNode(document, '#', base, ctx, false, 0);
  return { root, draft, document, references, fingerprint };
}
