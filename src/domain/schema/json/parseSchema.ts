import type { Ajv, AnySchema } from 'ajv';
import type { ComparableSchema } from '../../compatibility/index.ts';
import { DomainError } from '../../errors.ts';
import { canonicalText, fingerprintOf, sortKeys } from './canonical.ts';
import {
  COMPILE_ONE,
  createAjv,
  DEFAULT_DRAFT,
  detectDraft,
  sharedAjv,
  withMetaUri,
  type Draft,
} from './drafts.ts';
import { inspectDocument } from './inspect.ts';
import { DEFAULT_SCHEMA_LIMITS, type SchemaLimits } from './limits.ts';
import { findRefProblem } from './refs.ts';
import { dedupeReferences, ReferenceConflict, sortReferences, type SchemaReference } from './references.ts';
import { resolveSchemaType } from './schemaType.ts';

export type { SchemaReference } from './references.ts';

/** A registration request's schema, validated and in canonical form: what identity and compatibility use. */
export interface ParsedSchema extends ComparableSchema {
  schemaType: 'JSON';
  /** Canonical text: compact JSON, key order preserved, or keys sorted when normalised. */
  canonical: string;
  draft: Draft;
  /** Every referenced document by reference name, flattened transitively. */
  references: ReadonlyMap<string, unknown>;
  /** The request's direct references (sorted and de-duplicated when normalised). */
  referenceList: SchemaReference[];
  metadata?: Record<string, unknown>;
  ruleSet?: Record<string, unknown>;
}

export interface ParseOptions {
  normalize: boolean;
  /** Size bounds (DEFAULT_SCHEMA_LIMITS when absent); the server passes its configured ones. */
  limits?: SchemaLimits;
}

export interface SchemaInput {
  schemaType?: string;
  schema: string;
  references?: SchemaReference[];
  metadata?: unknown;
  ruleSet?: unknown;
}

/**
 * Parses and validates a schema for registration: JSON, a known draft, valid against its meta-schema,
 * every `$ref` resolvable (locally or through `resolved`, never over the network), compilable by ajv
 * (bad regexes fail here), within the size limits. Throws DomainError INVALID_SCHEMA (42201).
 * Compiling a validator costs milliseconds, so ajv compiles only documents the inspection walk cannot
 * vouch for (nested identifiers, anchors, bad regexes, unusual `$ref`s or registry documents, …).
 */
export function parseSchema(
  input: SchemaInput,
  resolved: ReadonlyMap<string, unknown>,
  options: ParseOptions,
): ParsedSchema {
  const identified = identifySchema(input, resolved, options);
  identified.validate();
  return identified.schema;
}

/** A schema read as far as its identity; `validate()` runs the checks that remain. */
export interface IdentifiedSchema {
  /** Valid only once `validate()` has returned. */
  schema: ParsedSchema;
  /** The meta-schema, `$ref` and compile checks: throws 42201 exactly as `parseSchema` would. */
  validate(): void;
}

/**
 * The first part of `parseSchema`: the type, JSON, limits, draft and references, then the canonical text
 * and fingerprint. Throws the errors `parseSchema` reports first. A registration looks the fingerprint up
 * while it runs the remaining checks, which cost most of the time.
 */
export function identifySchema(
  input: SchemaInput,
  resolved: ReadonlyMap<string, unknown>,
  options: ParseOptions,
): IdentifiedSchema {
  const limits = options.limits ?? DEFAULT_SCHEMA_LIMITS;
  // The type decides how to read the text, so an unsupported type is reported before any parse error;
  // an absent type (AVRO) still peeks at the text to give JSON Schema authors the right hint.
  const typed = resolveSchemaType(
    input.schemaType,
    input.schemaType ? undefined : tryParseJson(input.schema),
  );
  if ('problem' in typed) throw invalid(typed.problem);
  const parsed = parseJson(input.schema);
  if (
    typeof parsed !== 'boolean' &&
    (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
  ) {
    throw invalid('A JSON Schema must be a JSON object or a boolean.');
  }
  const draft = detectDraft(parsed);
  const inspection = inspectDocument(parsed, draft ?? DEFAULT_DRAFT, resolved, limits);
  if (inspection.limit !== undefined) throw invalid(inspection.limit);
  if (draft === undefined) {
    const uri = (parsed as Record<string, unknown>)['$schema'];
    throw invalid(
      `Unknown $schema ${JSON.stringify(uri)}; Schemata understands drafts 4, 6, 7, 2019-09 and 2020-12.`,
    );
  }

  const referenceList = listReferences(input.references ?? [], options.normalize);
  for (const ref of referenceList) {
    if (!resolved.has(ref.name)) throw invalid(`Reference '${ref.name}' could not be resolved.`);
  }

  const doc = options.normalize ? sortKeys(parsed) : parsed;
  const canonical = canonicalText(doc, false);
  const metadata = asObject(input.metadata);
  const ruleSet = asObject(input.ruleSet);
  const schema: ParsedSchema = {
    schemaType: 'JSON',
    schema: doc,
    canonical,
    draft,
    references: resolved,
    referenceList,
    fingerprint: fingerprintOf({
      schemaType: 'JSON',
      canonical,
      references: referenceList,
      metadata,
      ruleSet,
    }),
    ...(metadata === undefined ? {} : { metadata }),
    ...(ruleSet === undefined ? {} : { ruleSet }),
  };
  return {
    schema,
    validate() {
      if (inspection.hasRefs) {
        const refProblem = findRefProblem(parsed, draft, resolved, limits);
        if (refProblem !== undefined) throw invalid(refProblem);
      }
      const working = withMetaUri(parsed, draft) as AnySchema;
      metaValidate(working, draft);
      if (!inspection.surelyCompiles) compileWithAjv(working, draft, resolved);
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // V8's parser message names the offending position, which is what the author needs.
    const detail = error instanceof SyntaxError ? `: ${error.message}` : '';
    throw invalid(`The schema is not valid JSON${detail}.`);
  }
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function listReferences(references: readonly SchemaReference[], normalize: boolean): SchemaReference[] {
  try {
    return normalize ? sortReferences(references) : dedupeReferences(references);
  } catch (error) {
    if (error instanceof ReferenceConflict) throw invalid(error.message);
    throw error;
  }
}

/** Rejects a document its draft's meta-schema rejects, naming what is wrong. */
function metaValidate(working: AnySchema, draft: Draft): void {
  // The shared ajv keeps nothing from the documents it validates.
  const meta = sharedAjv(draft);
  if (!meta.validateSchema(working)) {
    throw invalid(
      `The schema is not a valid JSON Schema (${draft}): ${meta.errorsText(meta.errors, { dataVar: 'schema' })}.`,
    );
  }
}

/** Compiles with the references added under their names: what ajv throws on is what we reject. */
function compileWithAjv(working: AnySchema, draft: Draft, resolved: ReadonlyMap<string, unknown>): void {
  // A fresh instance per schema so references added by name never leak between registrations. No
  // logger: ajv would print the whole generated function (megabytes) for a schema it cannot compile.
  const ajv = createAjv(draft, {
    ...COMPILE_ONE,
    validateSchema: false,
    code: { optimize: false },
    logger: false,
  });
  try {
    for (const [name, refDoc] of resolved) addReference(ajv, name, refDoc);
    ajv.compile(working);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw invalid(`The schema cannot be compiled: ${detail}.`);
  }
}

function addReference(ajv: Ajv, name: string, refDoc: unknown): void {
  // Referenced documents were validated when they were registered, possibly under another draft.
  ajv.addSchema(refDoc as AnySchema, name, undefined, false);
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

const invalid = (message: string): DomainError => new DomainError('INVALID_SCHEMA', message);
