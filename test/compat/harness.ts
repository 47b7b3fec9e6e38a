/**
 * Property-based soundness harness shared by `soundness.test.ts` and `scripts/fuzz-compat.ts`:
 * random schemas (objects, arrays, numbers, strings, enums, combinators, refs; several drafts), random
 * mutations, and documents built from the old schema. Whenever the engine says BACKWARD(new, old)
 * under STRICT, every document ajv accepts under old must be accepted under new (reader with defaults).
 */
import type { Ajv, ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { diff, normalise } from '../../src/domain/compatibility/json/index.ts';
import { wideSamples } from '../../src/domain/compatibility/json/samples.ts';
import { createAjv, type Draft } from '../../src/domain/schema/json/drafts.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const NAMES = ['a', 'b', 'c', 'x1'];
const PATTERNS = ['^a', '^[a-z]+$', 'b', '^x', '^[0-9]*$'];
const small = fc.integer({ min: -4, max: 12 });

const leaf: fc.Arbitrary<Json> = fc.oneof(
  fc.record(
    {
      type: fc.constant('string'),
      minLength: fc.integer({ min: 0, max: 4 }),
      maxLength: fc.integer({ min: 1, max: 8 }),
      pattern: fc.constantFrom(...PATTERNS),
      format: fc.constantFrom('date', 'email'),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    {
      type: fc.constantFrom('integer', 'number'),
      minimum: small,
      maximum: small,
      exclusiveMinimum: small,
      exclusiveMaximum: small,
      multipleOf: fc.constantFrom(1, 2, 3, 0.5),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record({
    enum: fc.uniqueArray(fc.constantFrom<Json>(1, 2, 'a', 'b', null, true, 2.5, 'ab', 0), {
      minLength: 1,
      maxLength: 4,
    }),
  }),
  fc.record({ const: fc.constantFrom<Json>(1, 'a', null, false) }),
  fc.constantFrom<Json>(
    { type: 'boolean' },
    { type: 'null' },
    {},
    { type: ['string', 'integer'] },
    { type: ['null', 'number'] },
    true,
    { type: 'string' },
    { type: 'integer' },
  ),
  fc.record({
    enum: fc.uniqueArray(fc.constantFrom<Json>({ a: 1 }, [1, 2], { a: 'x', b: null }, [], {}), {
      minLength: 1,
      maxLength: 3,
    }),
  }),
);

const tree = fc.letrec<{ node: Json; object: Json; array: Json; combo: Json }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', maxDepth: 3, withCrossShrink: true },
    leaf,
    tie('object'),
    tie('array'),
    tie('combo'),
  ),
  object: fc.record(
    {
      type: fc.constant('object'),
      properties: fc.dictionary(fc.constantFrom(...NAMES), tie('node'), { maxKeys: 3 }),
      required: fc.subarray(NAMES, { maxLength: 2 }),
      additionalProperties: fc.oneof(fc.constant(false), fc.constant(true), tie('node')),
      patternProperties: fc.dictionary(fc.constantFrom('^x', '^b'), tie('node'), { maxKeys: 1 }),
      minProperties: fc.integer({ min: 0, max: 2 }),
      maxProperties: fc.integer({ min: 1, max: 4 }),
      propertyNames: fc.constant({ maxLength: 2 }),
      dependencies: fc.constantFrom<Json>({ a: ['b'] }, { b: { required: ['c'] } }),
      dependentRequired: fc.constantFrom<Json>({ c: ['a'] }, { a: ['x1', 'b'] }),
      dependentSchemas: fc.record({ a: tie('node') }),
      unevaluatedProperties: fc.oneof(fc.constant(false), tie('node')),
    },
    { requiredKeys: ['type'] },
  ),
  array: fc.record(
    {
      type: fc.constant('array'),
      items: fc.oneof(tie('node'), fc.array(tie('node'), { minLength: 1, maxLength: 2 })),
      additionalItems: fc.oneof(fc.constant(false), tie('node')),
      minItems: fc.integer({ min: 0, max: 2 }),
      maxItems: fc.integer({ min: 1, max: 4 }),
      uniqueItems: fc.constant(true),
      contains: tie('node'),
      minContains: fc.integer({ min: 0, max: 2 }),
      maxContains: fc.integer({ min: 1, max: 3 }),
      unevaluatedItems: fc.oneof(fc.constant(false), tie('node')),
    },
    { requiredKeys: ['type'] },
  ),
  combo: fc.oneof(
    fc.record({ anyOf: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ oneOf: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ allOf: fc.array(tie('node'), { minLength: 1, maxLength: 2 }) }),
    fc.record({ not: tie('node') }),
    fc.record({ if: tie('node'), then: tie('node'), else: tie('node') }, { requiredKeys: ['if'] }),
    fc
      .tuple(leaf, fc.array(tie('node'), { minLength: 1, maxLength: 2 }))
      .map(([l, b]): Json =>
        typeof l === 'object' && l !== null && !Array.isArray(l) ? { ...l, anyOf: b } : { anyOf: b },
      ),
  ),
}));

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => structuredClone(v);

/** Wraps a schema: as is, through `definitions` + `$ref`, or as a recursive linked structure. */
function wrap(node: Json, mode: number): Json {
  if (mode === 1)
    return {
      definitions: { D: node },
      type: 'object',
      properties: { p: { $ref: '#/definitions/D' }, q: { $ref: '#/definitions/D' } },
    };
  if (mode === 3)
    return { definitions: { D: node }, $ref: '#/definitions/D', maxProperties: 2, minLength: 1 };
  if (mode === 2)
    return {
      definitions: { T: { type: 'object', properties: { v: node, next: { $ref: '#/definitions/T' } } } },
      $ref: '#/definitions/T',
    };
  return node;
}

const SINGLE = [
  'items',
  'additionalItems',
  'additionalProperties',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  's',
];
const LISTS = ['anyOf', 'oneOf', 'allOf', 'items', 'prefixItems'];
const MAPS = ['properties', 'patternProperties', 'definitions', 'dependencies', 'dependentSchemas'];

/** Rewrites draft-07 spellings into the target draft's (draft-04 exclusive flags, 2020-12 prefixItems…). */
function toDraft(node: Json, draft: Draft): Json {
  if (typeof node === 'boolean' && draft === 'draft-04') return node ? {} : { not: {} };
  if (!isObj(node)) return node;
  const out: Obj = {};
  for (const [k, v] of Object.entries(node)) {
    if (SINGLE.includes(k)) out[k] = Array.isArray(v) ? v.map((x) => toDraft(x, draft)) : toDraft(v, draft);
    else if (LISTS.includes(k) && Array.isArray(v)) out[k] = v.map((x) => toDraft(x, draft));
    else if (MAPS.includes(k) && isObj(v)) {
      out[k] = Object.fromEntries(
        Object.entries(v).map(([n, x]) => [n, Array.isArray(x) ? x : toDraft(x, draft)]),
      );
    } else out[k] = v;
  }
  if (draft === 'draft-04') {
    if (Array.isArray(out['required']) && out['required'].length === 0) delete out['required'];
    for (const [ex, b] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ] as const) {
      const v = out[ex];
      if (typeof v === 'number') {
        const prior = out[b];
        if (typeof prior !== 'number' || (b === 'minimum' ? v >= prior : v <= prior)) out[b] = v;
        out[ex] = out[b] === v;
      }
    }
  }
  if (draft === '2020-12' && Array.isArray(out['items'])) {
    out['prefixItems'] = out['items'];
    if (out['additionalItems'] !== undefined) out['items'] = out['additionalItems'];
    else delete out['items'];
    delete out['additionalItems'];
  }
  return out;
}

const DRAFT_URI: Record<Draft, string> = {
  'draft-04': 'http://json-schema.org/draft-04/schema#',
  'draft-06': 'http://json-schema.org/draft-06/schema#',
  'draft-07': 'http://json-schema.org/draft-07/schema#',
  '2019-09': 'https://json-schema.org/draft/2019-09/schema',
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
};

/** Adds valid defaults to plainly typed properties, only where ajv's default insertion cannot interact. */
function addDefaults(node: Json, rnd: () => number): void {
  if (Array.isArray(node)) return node.forEach((n) => addDefaults(n, rnd));
  if (!isObj(node)) return;
  const props = node['properties'];
  const risky = RISKY.some((k) => k in node);
  if (isObj(props) && !risky) {
    for (const s of Object.values(props)) {
      if (isObj(s) && Object.keys(s).length === 1 && rnd() < 0.5) {
        const value = (
          { string: 'd', integer: 3, number: 1.5, boolean: true, null: null } as Record<string, Json>
        )[String(s['type'])];
        if (value !== undefined) s['default'] = value;
      }
    }
  }
  for (const [k, v] of Object.entries(node))
    if (k !== 'enum' && k !== 'const' && k !== 'not' && k !== 'anyOf' && k !== 'oneOf' && k !== 'if')
      addDefaults(v, rnd);
}

/** Object keywords that interact with a default inserted by the reader (not modelled by the engine). */
const RISKY = [
  'maxProperties',
  'dependencies',
  'propertyNames',
  'patternProperties',
  'unevaluatedProperties',
  'dependentRequired',
  'dependentSchemas',
];

const DEFAULT_TYPES: Record<string, (v: Json) => boolean> = {
  string: (v) => typeof v === 'string',
  integer: (v) => Number.isInteger(v),
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
};

/**
 * Drops every `default` a mutation may have made invalid: kept only on `{type, default}` with a value of
 * that type. (The engine assumes readers' defaults are valid; an invalid one makes even identical
 * schemas fail the ajv oracle, whose reader applies defaults.)
 */
function sanitizeDefaults(node: Json, inProperties = false): void {
  if (Array.isArray(node)) return node.forEach((n) => sanitizeDefaults(n));
  if (!isObj(node)) return;
  if ('default' in node) {
    const keys = Object.keys(node).filter((k) => k !== 'default');
    const check = DEFAULT_TYPES[String(node['type'])];
    const ok =
      inProperties &&
      keys.length === 1 &&
      keys[0] === 'type' &&
      check !== undefined &&
      check(node['default'] ?? null);
    if (!ok) delete node['default'];
  }
  const props = node['properties'];
  const risky = RISKY.some((k) => k in node);
  for (const [k, v] of Object.entries(node)) {
    if (k === 'enum' || k === 'const') continue;
    if (k === 'properties' && isObj(v) && !risky) for (const p of Object.values(v)) sanitizeDefaults(p, true);
    else sanitizeDefaults(v);
  }
  if (isObj(props) && risky) for (const p of Object.values(props)) if (isObj(p)) delete p['default'];
}

/** A deterministic PRNG (mulberry32) for document generation from a fast-check seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every subschema position of a schema (not keyword values such as `uniqueItems`), for mutation. */
function positions(
  node: Json,
  out: { parent: Obj | Json[]; key: string | number }[] = [],
  depth = 0,
): typeof out {
  if (depth > 12 || !isObj(node)) return out;
  const visit = (parent: Obj | Json[], key: string | number, value: Json) => {
    if (isObj(value) || typeof value === 'boolean') {
      out.push({ parent, key });
      positions(value, out, depth + 1);
    }
  };
  for (const [k, v] of Object.entries(node)) {
    if (SINGLE.includes(k)) visit(node, k, v);
    if (LISTS.includes(k) && Array.isArray(v)) v.forEach((x, i) => visit(v, i, x));
    if (MAPS.includes(k) && isObj(v))
      for (const [n, x] of Object.entries(v)) if (!Array.isArray(x)) visit(v, n, x);
  }
  return out;
}

const NUMERIC = [
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
];

/** Applies one random edit (relaxing or tightening) to a copy of the schema. */
export function mutate(schema: Json, rnd: () => number, replacement: Json): Json {
  const root: Obj = { s: clone(schema) };
  const spots = positions(root);
  const spot = spots[Math.floor(rnd() * spots.length)];
  if (spot === undefined) return schema;
  const { parent, key } = spot;
  const get = () => (Array.isArray(parent) ? parent[key as number] : parent[key as string]) as Json;
  const set = (v: Json) => {
    if (Array.isArray(parent)) parent[key as number] = v;
    else parent[key as string] = v;
  };
  const node = get();
  const op = Math.floor(rnd() * 12);
  if (!isObj(node) || op === 0) set(op === 0 && rnd() < 0.5 ? replacement : !node);
  else if (op === 1) set({ anyOf: [node, replacement] });
  else if (op === 2) {
    const numeric = NUMERIC.filter((k) => typeof node[k] === 'number');
    const k = numeric[Math.floor(rnd() * numeric.length)];
    if (k !== undefined)
      node[k] = Math.max(0, (node[k] as number) + (rnd() < 0.5 ? -1 : 1) * (1 + Math.floor(rnd() * 3)));
    else node[NUMERIC[Math.floor(rnd() * NUMERIC.length)] ?? 'minLength'] = Math.floor(rnd() * 4);
  } else if (op === 3) {
    const keys = Object.keys(node);
    const k = keys[Math.floor(rnd() * keys.length)];
    if (k !== undefined) delete node[k];
  } else if (op === 4) {
    const t = node['type'];
    node['type'] =
      t === 'integer'
        ? 'number'
        : t === 'number'
          ? 'integer'
          : t === 'string'
            ? ['string', 'null']
            : rnd() < 0.5
              ? 'string'
              : 'object';
  } else if (op === 5) {
    const ap = node['additionalProperties'];
    node['additionalProperties'] =
      ap === undefined ? false : ap === false ? true : rnd() < 0.5 ? false : replacement;
  } else if (op === 6) {
    const req = Array.isArray(node['required']) ? (node['required'] as Json[]) : [];
    const name = NAMES[Math.floor(rnd() * NAMES.length)] ?? 'a';
    node['required'] = req.includes(name) ? req.filter((n) => n !== name) : [...req, name];
  } else if (op === 7) {
    const props = isObj(node['properties']) ? node['properties'] : {};
    const name = NAMES[Math.floor(rnd() * NAMES.length)] ?? 'a';
    if (name in props) delete props[name];
    else props[name] = replacement;
    node['properties'] = props;
  } else if (op === 8) {
    const en = Array.isArray(node['enum']) ? (node['enum'] as Json[]) : undefined;
    if (en !== undefined) node['enum'] = rnd() < 0.5 ? en.slice(1) : [...en, 'zz'];
    else if ('const' in node) node['enum'] = [node['const'] ?? null, 7];
    else node['pattern'] = PATTERNS[Math.floor(rnd() * PATTERNS.length)] ?? 'a';
  } else if (op === 9) {
    for (const [a, b] of [
      ['anyOf', 'oneOf'],
      ['oneOf', 'anyOf'],
      ['allOf', 'anyOf'],
    ]) {
      if (a !== undefined && b !== undefined && a in node) {
        node[b] = node[a] ?? [];
        delete node[a];
        break;
      }
    }
  } else if (op === 10) set({ allOf: [node, replacement] });
  else set({ ...node, ...(isObj(replacement) ? replacement : {}) });
  return root['s'] ?? schema;
}

/** Values a reader would likely meet: built from the schema (mostly valid), with random noise. */
export function document(schema: Json, root: Json, rnd: () => number, depth = 0): Json {
  const noise = (): Json =>
    [null, true, 0, 1, -1, 2.5, '', 'a', 'ab1', [], {}, [1], { a: 1 }, 'x'][Math.floor(rnd() * 14)] ?? null;
  if (depth > 6 || rnd() < 0.05) return noise();
  if (typeof schema === 'boolean' || !isObj(schema)) return noise();
  const ref = schema['$ref'];
  if (typeof ref === 'string' && isObj(root)) {
    const [, kind, name] = ref.split('/');
    const defs = isObj(root) && kind !== undefined ? root[kind] : undefined;
    const target = isObj(defs) && name !== undefined ? defs[name] : undefined;
    if (target !== undefined) return document(target, root, rnd, depth + 1);
  }
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0)
    return schema['enum'][Math.floor(rnd() * schema['enum'].length)] ?? null;
  if ('const' in schema) return schema['const'] ?? null;
  for (const k of ['anyOf', 'oneOf']) {
    const list = schema[k];
    if (Array.isArray(list) && list.length > 0 && rnd() < 0.7)
      return document(list[Math.floor(rnd() * list.length)] ?? true, root, rnd, depth + 1);
  }
  if (Array.isArray(schema['allOf']) && rnd() < 0.5) {
    const parts = schema['allOf'].map((s) => document(s, root, rnd, depth + 1));
    if (parts.every(isObj)) return Object.assign({}, ...parts);
    return parts[0] ?? null;
  }
  const declared = schema['type'];
  const types = Array.isArray(declared) ? declared : typeof declared === 'string' ? [declared] : [];
  const inferred =
    'properties' in schema || 'required' in schema
      ? 'object'
      : 'items' in schema || 'prefixItems' in schema
        ? 'array'
        : 'minLength' in schema || 'pattern' in schema
          ? 'string'
          : 'minimum' in schema || 'multipleOf' in schema
            ? 'number'
            : undefined;
  const type = String(
    types[Math.floor(rnd() * types.length)] ??
      inferred ??
      ['string', 'integer', 'object', 'array', 'null'][Math.floor(rnd() * 5)],
  );
  const num = (k: string) => (typeof schema[k] === 'number' ? (schema[k] as number) : undefined);
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return rnd() < 0.5;
    case 'integer':
    case 'number': {
      const lo = num('minimum') ?? num('exclusiveMinimum') ?? -5;
      const hi = num('maximum') ?? num('exclusiveMaximum') ?? 12;
      const m = num('multipleOf');
      let v = Math.floor(lo - 1 + rnd() * (hi - lo + 3));
      if (m !== undefined) v = Math.round(v / m) * m;
      return type === 'number' && rnd() < 0.2 ? v + 0.5 : v;
    }
    case 'string': {
      const pool = ['', 'a', 'ab', 'abc', 'x', 'xy', 'b', '123', 'B', 'abcdefgh', 'a1', 'xyz'];
      const s = pool[Math.floor(rnd() * pool.length)] ?? '';
      const min = num('minLength') ?? 0;
      return s.length < min ? s + 'a'.repeat(min - s.length) : s;
    }
    case 'array': {
      const items = schema['prefixItems'] ?? schema['items'];
      const rest = Array.isArray(items)
        ? schema['prefixItems']
          ? schema['items']
          : schema['additionalItems']
        : items;
      const n = Math.floor(rnd() * 4);
      const out: Json[] = [];
      for (let i = 0; i < n; i++)
        out.push(
          document((Array.isArray(items) ? items[i] : undefined) ?? rest ?? true, root, rnd, depth + 1),
        );
      if (schema['contains'] !== undefined && rnd() < 0.7)
        out.push(document(schema['contains'], root, rnd, depth + 1));
      return out;
    }
    default: {
      const out: Obj = {};
      const props = isObj(schema['properties']) ? schema['properties'] : {};
      const required = Array.isArray(schema['required']) ? schema['required'] : [];
      for (const name of NAMES) {
        if (required.includes(name) || (name in props && rnd() < 0.6) || rnd() < 0.1)
          out[name] = document(props[name] ?? true, root, rnd, depth + 1);
      }
      if (rnd() < 0.2) out[['x9', 'bz', 'zz'][Math.floor(rnd() * 3)] ?? 'zz'] = noise();
      return out;
    }
  }
}

export interface PairCase {
  readonly old: Json;
  readonly next: Json;
  readonly docSeed: number;
}

/** fast-check arbitrary for (old, new) schema pairs with a document seed. */
export function pairArbitrary(): fc.Arbitrary<PairCase> {
  return fc
    .tuple(
      tree.node,
      tree.node,
      fc.constantFrom<Draft>('draft-07', 'draft-07', '2020-12', '2019-09', 'draft-04'),
      fc.nat({ max: 5 }),
      fc.nat(),
      fc.nat({ max: 2 }),
      fc.boolean(),
    )
    .map(([node, replacement, draft, wrapping, seed, mutations, swap]) => {
      const rnd = prng(seed);
      const base = wrap(node, wrapping % 4);
      if (rnd() < 0.3) addDefaults(base, rnd);
      let next = base;
      for (let i = 0; i <= mutations; i++) next = mutate(next, rnd, replacement);
      const withDraft = (s: Json): Json => {
        const converted = toDraft(s, draft);
        return isObj(converted) ? { $schema: DRAFT_URI[draft], ...converted } : converted;
      };
      sanitizeDefaults(next);
      sanitizeDefaults(base);
      const [a, b] = swap ? [next, base] : [base, next];
      return { old: withDraft(a), next: withDraft(b), docSeed: seed ^ 0x5bd1e995 };
    });
}

const pool = new Map<string, { ajv: Ajv; uses: number }>();

/** ajv (formats as annotations) for the schema's draft; one recycled instance per draft and mode. */
export function compile(schema: Json, useDefaults: boolean): ValidateFunction | undefined {
  const uri = isObj(schema) ? schema['$schema'] : undefined;
  const draft = (Object.entries(DRAFT_URI).find(([, u]) => u === uri)?.[0] ?? 'draft-07') as Draft;
  const key = `${draft}|${useDefaults}`;
  let entry = pool.get(key);
  if (entry === undefined || entry.uses > 300) {
    entry = { ajv: createAjv(draft, { useDefaults }), uses: 0 };
    pool.set(key, entry);
  }
  entry.uses++;
  try {
    return entry.ajv.compile(isObj(schema) ? schema : (schema as unknown as object));
  } catch {
    return undefined;
  }
}

export interface Outcome {
  readonly compatible: boolean | undefined;
  readonly documents: number;
  readonly validUnderOld: number;
  readonly counterexample?: Json;
}

/** Runs one pair: engine verdict, then `docs` documents through ajv. */
export function checkPair(c: PairCase, docs: number): Outcome {
  const writer = compile(c.old, false);
  const reader = compile(c.next, true);
  if (writer === undefined || reader === undefined)
    return { compatible: undefined, documents: 0, validUnderOld: 0 };
  const compatible = diff({ schema: c.old }, { schema: c.next }, 'STRICT', { counterexamples: false }).every(
    (d) => d.compatible,
  );
  const rnd = prng(c.docSeed);
  const candidates: Json[] = [];
  for (let i = 0; i < docs; i++) candidates.push(document(c.old, c.old, rnd));
  candidates.push(...(wideSamples(normalise({ schema: c.old }).root) as Json[]).slice(0, 10));
  let valid = 0;
  for (const doc of candidates) {
    if (writer(clone(doc)) !== true) continue;
    valid++;
    if (compatible && reader(clone(doc)) !== true)
      return { compatible, documents: candidates.length, validUnderOld: valid, counterexample: doc };
  }
  return { compatible, documents: candidates.length, validUnderOld: valid };
}
