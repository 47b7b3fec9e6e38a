/**
 * Bounds that keep a hostile document from costing the registry unbounded time or stack. Each is
 * configurable (src/config.ts) and passed down explicitly; refusals name the variable that sets it.
 */
export interface SchemaLimits {
  /** Nesting of objects and arrays in the schema document. */
  readonly maxDepth: number;
  /** Keys in any one object (e.g. entries of `properties`). */
  readonly maxPropertiesPerObject: number;
  /** Objects, arrays and scalars in the whole document. */
  readonly maxNodes: number;
  /** Members of any one `enum`. */
  readonly maxEnumMembers: number;
  /** Subschemas the document amounts to once every `$ref` is replaced by its target (recursion once). */
  readonly maxRefExpansion: number;
  /** `$ref`s followed in a row before reaching a schema that is not just a `$ref`. */
  readonly maxRefChain: number;
}

export const DEFAULT_SCHEMA_LIMITS: SchemaLimits = {
  maxDepth: 64,
  maxPropertiesPerObject: 10_000,
  maxNodes: 200_000,
  maxEnumMembers: 10_000,
  maxRefExpansion: 100_000,
  maxRefChain: 32,
};

/** The environment variable that sets each limit: what a refusal tells the author to look up. */
export const SCHEMA_LIMIT_VARIABLES: Record<keyof SchemaLimits, string> = {
  maxDepth: 'MAX_SCHEMA_DEPTH',
  maxPropertiesPerObject: 'MAX_SCHEMA_PROPERTIES',
  maxNodes: 'MAX_SCHEMA_NODES',
  maxEnumMembers: 'MAX_SCHEMA_ENUM_MEMBERS',
  maxRefExpansion: 'MAX_SCHEMA_REF_EXPANSION',
  maxRefChain: 'MAX_SCHEMA_REF_CHAIN',
};

/** "… (limit 64, MAX_SCHEMA_DEPTH)": the tail of every refusal sentence. */
export function limitNote(limits: SchemaLimits, key: keyof SchemaLimits): string {
  return `(limit ${limits[key]}, ${SCHEMA_LIMIT_VARIABLES[key]})`;
}
