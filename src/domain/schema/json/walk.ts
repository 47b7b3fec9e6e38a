import { ajvFacts } from './ajvFacts.ts';
import type { Draft } from './drafts.ts';
import { limitNote, type SchemaLimits } from './limits.ts';
import { refScope, resolvesSurely, type RefScope } from './refTargets.ts';
import { vocabularyOf, type Shape } from './vocabulary.ts';

/** How a value is read at its position. */
const enum Kind {
  /** A sub-schema, as the draft's meta-schema sees it. */
  Schema,
  /** An array of sub-schemas. */
  List,
  /** An object of sub-schemas (or, under `dependencies`, of property-name arrays). */
  Map,
  /** Any other object (unknown keywords' values): ajv indexes identifiers found there. */
  Other,
  /** Instance data or a plain keyword value: nothing there is compiled or indexed. */
  Data,
}

const KIND_OF_SHAPE: Record<Shape, Kind> = {
  schema: Kind.Schema,
  list: Kind.List,
  schemaOrList: Kind.List,
  map: Kind.Map,
  dependencies: Kind.Map,
  data: Kind.Data,
  value: Kind.Data,
  other: Kind.Other,
};

// Keywords that leave the decision to ajv: their compilation depends on more than the meta-schema
// checks (async schemas, `nullable` beside `type`, dynamic references, anchors).
const UNPROVEN = new Set([
  '$async',
  'nullable',
  '$dynamicRef',
  '$dynamicAnchor',
  '$recursiveRef',
  '$recursiveAnchor',
  '$anchor',
]);

/** Thrown by the walk when the document exceeds a size limit (the message says which). */
export class LimitExceeded extends Error {}

/**
 * One pass over a document (see inspectDocument): counts and bounds every value, reads each object
 * by its position, and clears `provable` on anything whose compilation by ajv it cannot vouch for.
 */
export class Walk {
  hasRefs = false;
  /** Still true while nothing found could make ajv's compilation fail. */
  provable = true;
  /** JSON values counted so far. */
  values = 0;
  refSites = 0;
  /** The deepest bound on ajv's code nesting anywhere, and at a `$ref` (see inspect.ts). */
  private maxNesting = 0;
  private maxRefNesting = 0;
  private readonly root: Record<string, unknown> | undefined;
  private readonly vocabulary: ReadonlyMap<string, Shape>;
  private readonly idKey: string;
  private readonly rules: ReadonlySet<string>;
  private scope: RefScope | undefined | null = null;
  /** `$ref`s already proven (or not) in this document: every one resolves against the root's base. */
  private readonly proven = new Map<string, boolean>();

  /** `rootId`: the document's identifier as ajv holds it; `registry`: what ajv holds beside it. */
  constructor(
    private readonly doc: unknown,
    private readonly draft: Draft,
    private readonly rootId: string,
    private readonly registry: ReadonlyMap<string, unknown> | undefined,
    private readonly limits: SchemaLimits,
  ) {
    this.root = isRecord(doc) ? doc : undefined;
    this.vocabulary = vocabularyOf(draft);
    const facts = ajvFacts(draft);
    this.idKey = facts.idKey;
    this.rules = facts.rules;
  }

  /** Walks the whole document; throws LimitExceeded when it is too large. */
  run(): void {
    this.value(this.doc, 0, Kind.Schema, 0);
  }

  /**
   * Counts and bounds any value, then reads a container according to its position. `nesting`: the
   * bound on ajv's code nesting so far: the positions of sub-schemas among their siblings, summed.
   */
  private value(value: unknown, depth: number, kind: Kind, nesting: number): void {
    if (++this.values > this.limits.maxNodes) {
      throw new LimitExceeded(
        `The schema has more than ${this.limits.maxNodes} JSON values ${limitNote(this.limits, 'maxNodes')}.`,
      );
    }
    if (typeof value !== 'object' || value === null) {
      // JSON.parse turns 1e999 into Infinity, which would be stored as null: refuse instead.
      if (typeof value === 'number' && !Number.isFinite(value)) {
        throw new LimitExceeded('The schema contains a number too large to represent (such as 1e999).');
      }
      return;
    }
    if (depth >= this.limits.maxDepth) {
      throw new LimitExceeded(
        `The schema nests deeper than ${this.limits.maxDepth} levels ${limitNote(this.limits, 'maxDepth')}.`,
      );
    }
    // Only sub-schemas make ajv's code nest: instance data and unknown keywords are not compiled.
    const compiled = kind === Kind.Schema || kind === Kind.List || kind === Kind.Map;
    if (compiled && nesting > this.maxNesting) this.maxNesting = nesting;
    if (Array.isArray(value)) this.array(value, depth + 1, kind, nesting);
    else if (kind === Kind.Schema) this.schema(value as Record<string, unknown>, depth + 1, nesting);
    else this.object(value as Record<string, unknown>, depth + 1, kind, nesting);
  }

  private array(items: unknown[], depth: number, kind: Kind, nesting: number): void {
    const itemKind = kind === Kind.List ? Kind.Schema : kind === Kind.Data ? Kind.Data : Kind.Other;
    for (let i = 0; i < items.length; i++) this.value(items[i], depth, itemKind, nesting + i + 1);
  }

  /** A schema object: each keyword by its shape; anything ajv might trip over clears `provable`. */
  private schema(record: Record<string, unknown>, depth: number, nesting: number): void {
    if (this.provable && this.hasIdentifier(record)) this.provable = false;
    let keys = 0;
    for (const key in record) {
      if (++keys > this.limits.maxPropertiesPerObject) throw this.tooManyKeys();
      const child = record[key];
      const shape = this.vocabulary.get(key);
      if (key === 'enum' && Array.isArray(child) && child.length > this.limits.maxEnumMembers) {
        throw new LimitExceeded(
          `An enum in the schema has more than ${this.limits.maxEnumMembers} members ${limitNote(this.limits, 'maxEnumMembers')}.`,
        );
      }
      if (key === '$ref') this.refSite(nesting + keys);
      if (this.provable) this.check(key, child, shape);
      else if (key === '$ref' && typeof child === 'string') this.hasRefs = true;
      let kind = shape === undefined ? Kind.Other : KIND_OF_SHAPE[shape];
      // `items` may be one schema; a list keyword holding an object is invalid and read as a schema.
      if (kind === Kind.List && !Array.isArray(child)) kind = Kind.Schema;
      this.value(child, depth, kind, nesting + keys);
    }
  }

  /** Lists, maps of sub-schemas, unknown keywords' values and instance data. */
  private object(record: Record<string, unknown>, depth: number, kind: Kind, nesting: number): void {
    if (kind === Kind.Other && this.provable && this.hasIdentifier(record)) this.provable = false;
    const entriesAreSchemas = kind === Kind.Map;
    let keys = 0;
    for (const key in record) {
      if (++keys > this.limits.maxPropertiesPerObject) throw this.tooManyKeys();
      const child = record[key];
      if (key === '$ref' && typeof child === 'string') this.hasRefs = true;
      // `dependencies` values may be arrays of property names rather than schemas.
      const childKind = entriesAreSchemas ? (Array.isArray(child) ? Kind.Data : Kind.Schema) : kind;
      this.value(child, depth, childKind, nesting + keys);
    }
  }

  private tooManyKeys(): LimitExceeded {
    return new LimitExceeded(
      `An object in the schema has more than ${this.limits.maxPropertiesPerObject} keys ${limitNote(this.limits, 'maxPropertiesPerObject')}.`,
    );
  }

  private refSite(nesting: number): void {
    this.refSites++;
    if (nesting > this.maxRefNesting) this.maxRefNesting = nesting;
  }

  /** The nesting bound of this document's code, `$ref` targets copied in included. */
  span(): number {
    return this.maxNesting + (this.refSites > 0 ? this.maxRefNesting : 0);
  }

  private check(key: string, value: unknown, shape: Shape | undefined): void {
    if (key === '$ref') {
      if (typeof value === 'string') this.hasRefs = true;
      if (!this.resolvesSurely(value)) this.provable = false;
    } else if (key === 'pattern') {
      if (typeof value === 'string' && !compilesAsAjvRegex(value)) this.provable = false;
    } else if (key === 'patternProperties' && isRecord(value)) {
      for (const pattern in value) if (!compilesAsAjvRegex(pattern)) this.provable = false;
    } else if (key === 'format') {
      // ajv wants a string; the draft-04 meta-schema does not say so.
      if (typeof value !== 'string') this.provable = false;
    } else if (key === 'enum') {
      // ajv refuses an empty enum; only some meta-schemas do.
      if (Array.isArray(value) && value.length === 0) this.provable = false;
    } else if (UNPROVEN.has(key) || (shape === undefined && this.rules.has(key))) {
      // The latter: ajv compiles the keyword but the draft's meta-schema never checked its value.
      this.provable = false;
    }
  }

  /** Nested identifiers change ajv's base URI and may clash; anchors are indexed everywhere. */
  private hasIdentifier(record: Record<string, unknown>): boolean {
    return (
      (record !== this.root && typeof record[this.idKey] === 'string') ||
      typeof record['$anchor'] === 'string' ||
      typeof record['$dynamicAnchor'] === 'string'
    );
  }

  private resolvesSurely(ref: unknown): boolean {
    if (typeof ref !== 'string' || this.root === undefined || this.registry === undefined) return false;
    const known = this.proven.get(ref);
    if (known !== undefined) return known;
    if (this.scope === null) this.scope = refScope(this.draft, this.rootId, this.registry);
    const proven = this.scope !== undefined && resolvesSurely(ref, this.root, this.scope);
    this.proven.set(ref, proven);
    return proven;
  }
}

function compilesAsAjvRegex(pattern: string): boolean {
  try {
    // ajv compiles every pattern with the unicode flag.
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
