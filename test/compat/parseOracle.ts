/**
 * The registration check as it was before the inspection walk: size limits, draft, references, `$ref`
 * resolution, meta-validation, then a full ajv compile of a fresh instance per schema. Kept only as the
 * oracle of the differential test. `idKeyword: true` restores ajv's refusal of a plain `id` outside
 * draft-04 (the one behaviour deliberately changed since).
 */
import type { Ajv, AnySchema } from 'ajv';
import type { KeywordDefinition } from 'ajv';
import ajvIdModule from 'ajv/dist/vocabularies/core/id.js';
import {
  COMPILE_ONE,
  createAjv,
  detectDraft,
  withMetaUri,
  type Draft,
} from '../../src/domain/schema/json/drafts.ts';
import { DEFAULT_SCHEMA_LIMITS as SCHEMA_LIMITS } from '../../src/domain/schema/json/limits.ts';
import { findRefProblem } from '../../src/domain/schema/json/refs.ts';

export type Outcome = { accepted: true } | { accepted: false; message: string };

// CommonJS default export seen from ESM: the definition may sit under `.default`.
const ajvIdKeyword = ((ajvIdModule as unknown as { default?: KeywordDefinition }).default ??
  ajvIdModule) as KeywordDefinition;

const metaValidators = new Map<Draft, Ajv>();

export function oracle(text: string, resolved: ReadonlyMap<string, unknown>, idKeyword: boolean): Outcome {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { accepted: false, message: `The schema is not valid JSON: ${(error as Error).message}.` };
  }
  if (typeof doc !== 'boolean' && (typeof doc !== 'object' || doc === null || Array.isArray(doc))) {
    return { accepted: false, message: 'A JSON Schema must be a JSON object or a boolean.' };
  }
  const limit = exceededLimit(doc);
  if (limit !== undefined) return { accepted: false, message: limit };
  const draft = detectDraft(doc);
  if (draft === undefined) {
    const uri = (doc as Record<string, unknown>)['$schema'];
    return {
      accepted: false,
      message: `Unknown $schema ${JSON.stringify(uri)}; Schemata understands drafts 4, 6, 7, 2019-09 and 2020-12.`,
    };
  }
  const refProblem = findRefProblem(doc, draft, resolved);
  if (refProblem !== undefined) return { accepted: false, message: refProblem };
  return metaValidateAndCompile(doc, draft, resolved, idKeyword);
}

/** The last two stages alone: meta-validation, then a compile with the references added by name. */
export function metaValidateAndCompile(
  doc: unknown,
  draft: Draft,
  resolved: ReadonlyMap<string, unknown>,
  idKeyword: boolean,
): Outcome {
  let meta = metaValidators.get(draft);
  if (meta === undefined) metaValidators.set(draft, (meta = createAjv(draft)));
  const working = withMetaUri(doc, draft) as AnySchema;
  if (!meta.validateSchema(working)) {
    return {
      accepted: false,
      message: `The schema is not a valid JSON Schema (${draft}): ${meta.errorsText(meta.errors, { dataVar: 'schema' })}.`,
    };
  }
  // Without a logger: ajv prints the whole generated function when it cannot compile one.
  const ajv = createAjv(draft, {
    ...COMPILE_ONE,
    validateSchema: false,
    code: { optimize: false },
    logger: false,
  });
  if (idKeyword && draft !== 'draft-04') ajv.addKeyword(ajvIdKeyword);
  try {
    for (const [name, refDoc] of resolved) ajv.addSchema(refDoc as AnySchema, name, undefined, false);
    ajv.compile(working);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { accepted: false, message: `The schema cannot be compiled: ${detail}.` };
  }
  return { accepted: true };
}

/** The size-limit walk as it was (iterative, last child first). */
function exceededLimit(doc: unknown): string | undefined {
  let nodes = 0;
  const stack: Array<[value: unknown, depth: number]> = [[doc, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [value, depth] = next;
    if (++nodes > SCHEMA_LIMITS.maxNodes)
      return `The schema has more than ${SCHEMA_LIMITS.maxNodes} JSON values.`;
    if (typeof value === 'number' && !Number.isFinite(value)) {
      return 'The schema contains a number too large to represent (such as 1e999).';
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= SCHEMA_LIMITS.maxDepth)
      return `The schema nests deeper than ${SCHEMA_LIMITS.maxDepth} levels.`;
    const children = Array.isArray(value) ? value : Object.values(value);
    if (!Array.isArray(value) && children.length > SCHEMA_LIMITS.maxPropertiesPerObject) {
      return `An object in the schema has more than ${SCHEMA_LIMITS.maxPropertiesPerObject} keys.`;
    }
    for (const child of children) stack.push([child, depth + 1]);
  }
  return undefined;
}
