/** Bounds that keep a hostile document from costing the registry unbounded time or stack. */
export const SCHEMA_LIMITS = {
    /** Nesting of objects and arrays in the schema document. */
    maxDepth: 64,
    /** Keys in any one object (e.g. entries of `properties`). */
    maxPropertiesPerObject: 10_000,
    /** Objects, arrays and scalars in the whole document. */
    maxNodes: 200_000,
    /** `$ref`s followed in a row before reaching a schema that is not just a `$ref`. */
    maxRefChain: 32,
};
