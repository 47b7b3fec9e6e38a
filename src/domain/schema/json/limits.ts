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
} as const;

/** Returns a sentence describing the first limit the document exceeds, or `undefined` when it is within bounds. */
export function exceededLimit(doc: unknown): string | undefined {
  let nodes = 0;
  // Iterative walk: a recursive one would itself overflow the stack on the documents it must reject.
  const stack: Array<[value: unknown, depth: number]> = [[doc, 0]];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === undefined) break;
    const [value, depth] = next;
    if (++nodes > SCHEMA_LIMITS.maxNodes) {
      return `The schema has more than ${SCHEMA_LIMITS.maxNodes} JSON values.`;
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      // JSON.parse turns 1e999 into Infinity, which would be stored as null: refuse instead.
      return 'The schema contains a number too large to represent (such as 1e999).';
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= SCHEMA_LIMITS.maxDepth) {
      return `The schema nests deeper than ${SCHEMA_LIMITS.maxDepth} levels.`;
    }
    const children = Array.isArray(value) ? value : Object.values(value);
    if (!Array.isArray(value) && children.length > SCHEMA_LIMITS.maxPropertiesPerObject) {
      return `An object in the schema has more than ${SCHEMA_LIMITS.maxPropertiesPerObject} keys.`;
    }
    for (const child of children) stack.push([child, depth + 1]);
  }
  return undefined;
}
