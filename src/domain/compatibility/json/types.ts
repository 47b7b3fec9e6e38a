/**
 * The internal normal form the JSON Schema compatibility engine compares (reference §3).
 * Every node carries the JSON Pointer of the schema object it came from, so differences can name it.
 */
import type { Draft } from '../../schema/json/drafts.ts';

export type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';
export const JSON_TYPES: readonly JsonType[] = [
  'null',
  'boolean',
  'integer',
  'number',
  'string',
  'array',
  'object',
];

/** Which side of an inclusion a schema is on: the writer's set may be over-approximated, the reader's under-approximated. */
export type Role = 'writer' | 'reader';
export type Policy = 'STRICT' | 'LENIENT';

/** A keyword value together with the path of the schema object that declares it. */
export interface Kw<T> {
  readonly value: T;
  readonly path: string;
}

export interface Bound {
  readonly value: number;
  readonly exclusive: boolean;
  readonly keyword: 'minimum' | 'exclusiveMinimum' | 'maximum' | 'exclusiveMaximum';
  readonly path: string;
}

export interface StringConstraints {
  readonly minLength?: Kw<number>;
  readonly maxLength?: Kw<number>;
  readonly patterns: readonly Kw<string>[];
}

export interface NumberConstraints {
  readonly lower?: Bound;
  readonly upper?: Bound;
  readonly multipleOf: readonly Kw<number>[];
}

export interface PatternEntry {
  readonly source: string;
  readonly node: Node;
  readonly path: string;
}

/** `unevaluated*` seen through in-place applicators is only approximated; `exact` says it is not. */
export interface Unevaluated {
  readonly node: Node;
  readonly exact: boolean;
}

export interface ObjectConstraints {
  readonly path: string;
  readonly properties: ReadonlyMap<string, Node>;
  readonly required: ReadonlyMap<string, string>;
  /** Defaults ajv applies for absent properties (`properties` outside anyOf/oneOf/not/if). */
  readonly defaults: ReadonlyMap<string, unknown>;
  readonly patterns: readonly PatternEntry[];
  readonly additional?: Node;
  readonly unevaluated?: Unevaluated;
  /** `propertyNames` already intersected with `{"type": "string"}`. */
  readonly propertyNames?: Node;
  readonly minProperties?: Kw<number>;
  readonly maxProperties?: Kw<number>;
  readonly dependentRequired: ReadonlyMap<string, Kw<readonly string[]>>;
  readonly dependentSchemas: ReadonlyMap<string, Node>;
}

export interface ArrayConstraints {
  readonly path: string;
  readonly prefix: readonly Node[];
  /** Schema for positions past the prefix; `restKeyword` is the keyword that declared it. */
  readonly rest?: Node;
  readonly restKeyword: 'items' | 'additionalItems';
  readonly tupleForm: boolean;
  /** ajv quirk: with a non-trivial tuple item schema, an empty array passes `contains`/`minContains`. */
  readonly emptyPassesContains: boolean;
  readonly unevaluated?: Unevaluated;
  readonly contains?: Node;
  readonly minContains?: Kw<number>;
  readonly maxContains?: Kw<number>;
  readonly minItems?: Kw<number>;
  readonly maxItems?: Kw<number>;
  readonly uniqueItems?: Kw<boolean>;
}

export interface FiniteSet {
  readonly values: readonly unknown[];
  readonly keys: ReadonlySet<string>;
  readonly path: string;
}

interface NodeBase {
  readonly id: number;
  readonly path: string;
  /** Canonical text of the source subschema plus draft, set only when it contains no reference (`keyOf`). */
  readonly key?: string;
}

export interface BoolNode extends NodeBase {
  readonly kind: 'bool';
  readonly value: boolean;
}
export interface InvalidNode extends NodeBase {
  readonly kind: 'invalid';
  readonly rule: string;
  readonly reason: string;
}
export interface RefNode extends NodeBase {
  readonly kind: 'ref';
  readonly ref: string;
  readonly resolve: () => Node;
}
export interface NotNode extends NodeBase {
  readonly kind: 'not';
  readonly schema: Node;
}
export interface UnionNode extends NodeBase {
  readonly kind: 'anyOf' | 'oneOf';
  readonly branches: readonly Node[];
}
export interface ProductNode extends NodeBase {
  readonly kind: 'allOf';
  readonly factors: readonly Node[];
  /** Draft ≤ 07 `$ref` siblings: the spec ignores them, ajv applies them; writers see only these factors. */
  readonly writerFactors?: readonly Node[];
}
export interface SimpleNode extends NodeBase {
  readonly kind: 'simple';
  readonly types?: ReadonlySet<JsonType>;
  readonly enum?: FiniteSet;
  readonly string?: StringConstraints;
  readonly number?: NumberConstraints;
  readonly object?: ObjectConstraints;
  readonly array?: ArrayConstraints;
}

export type Node = BoolNode | InvalidNode | RefNode | NotNode | UnionNode | ProductNode | SimpleNode;

/** A normalised schema document (one side of a comparison). */
export interface NormalisedSchema {
  readonly root: Node;
  readonly draft: Draft | undefined;
  readonly document: unknown;
  readonly references: ReadonlyMap<string, unknown>;
  readonly fingerprint: string;
}

/** One difference between two schemas, named by a rule id of the reference taxonomy (§4). */
export interface Difference {
  readonly rule: string;
  /** Pointer into the original (the schema whose instances must stay valid). */
  readonly originalPath: string;
  /** Pointer into the update. */
  readonly updatePath: string;
  /** What the sentence says (rendered lazily by `describe`; `path` defaults to `updatePath`). */
  readonly facts: DifferenceFacts;
  /** Builds a candidate instance of the original that the update rejects (checked later by ajv). */
  readonly witness?: () => unknown;
}

export interface DifferenceFacts {
  readonly path?: string;
  readonly name?: string;
  readonly from?: unknown;
  readonly to?: unknown;
  readonly detail?: string;
}

/** A node or constraint under construction: optional fields are set one by one, not spread in. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

let nextId = 1;
/** Fresh node identity (memo keys); identities are never reused. */
export function newId(): number {
  return nextId++;
}
