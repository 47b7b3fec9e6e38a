import { DomainError } from "../../errors.js";
import { canonicalText, fingerprintOf, sortKeys } from "./canonical.js";
import { COMPILE_ONE, createAjv, DEFAULT_DRAFT, detectDraft, sharedAjv, withMetaUri, } from "./drafts.js";
import { inspectDocument } from "./inspect.js";
import { findRefProblem } from "./refs.js";
import { dedupeReferences, ReferenceConflict, sortReferences } from "./references.js";
import { resolveSchemaType } from "./schemaType.js";
/**
 * Parses and validates a schema for registration: JSON, a known draft, valid against its meta-schema,
 * every `$ref` resolvable (locally or through `resolved`, never over the network), compilable by ajv
 * (bad regexes fail here), within the size limits. Throws DomainError INVALID_SCHEMA (42201).
 * Compiling a validator costs milliseconds, so ajv compiles only documents the inspection walk cannot
 * vouch for (nested identifiers, anchors, bad regexes, unusual `$ref`s or registry documents, …).
 */
export function parseSchema(input, resolved, options) {
    const identified = identifySchema(input, resolved, options);
    identified.validate();
    return identified.schema;
}
/**
 * The first part of `parseSchema`: the type, JSON, limits, draft and references, then the canonical text
 * and fingerprint. Throws the errors `parseSchema` reports first. A registration looks the fingerprint up
 * while it runs the remaining checks, which cost most of the time.
 */
export function identifySchema(input, resolved, options) {
    // The type decides how to read the text, so an unsupported type is reported before any parse error;
    // an absent type (AVRO) still peeks at the text to give JSON Schema authors the right hint.
    const typed = resolveSchemaType(input.schemaType, input.schemaType ? undefined : tryParseJson(input.schema));
    if ('problem' in typed)
        throw invalid(typed.problem);
    const parsed = parseJson(input.schema);
    if (typeof parsed !== 'boolean' &&
        (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))) {
        throw invalid('A JSON Schema must be a JSON object or a boolean.');
    }
    const draft = detectDraft(parsed);
    const inspection = inspectDocument(parsed, draft ?? DEFAULT_DRAFT, resolved);
    if (inspection.limit !== undefined)
        throw invalid(inspection.limit);
    if (draft === undefined) {
        const uri = parsed['$schema'];
        throw invalid(`Unknown $schema ${JSON.stringify(uri)}; Schemata understands drafts 4, 6, 7, 2019-09 and 2020-12.`);
    }
    const referenceList = listReferences(input.references ?? [], options.normalize);
    for (const ref of referenceList) {
        if (!resolved.has(ref.name))
            throw invalid(`Reference '${ref.name}' could not be resolved.`);
    }
    const doc = options.normalize ? sortKeys(parsed) : parsed;
    const canonical = canonicalText(doc, false);
    const metadata = asObject(input.metadata);
    const ruleSet = asObject(input.ruleSet);
    const schema = {
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
                const refProblem = findRefProblem(parsed, draft, resolved);
                if (refProblem !== undefined)
                    throw invalid(refProblem);
            }
            const working = withMetaUri(parsed, draft);
            metaValidate(working, draft);
            if (!inspection.surelyCompiles)
                compileWithAjv(working, draft, resolved);
        },
    };
}
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch (error) {
        // V8's parser message names the offending position, which is what the author needs.
        const detail = error instanceof SyntaxError ? `: ${error.message}` : '';
        throw invalid(`The schema is not valid JSON${detail}.`);
    }
}
function tryParseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
function listReferences(references, normalize) {
    try {
        return normalize ? sortReferences(references) : dedupeReferences(references);
    }
    catch (error) {
        if (error instanceof ReferenceConflict)
            throw invalid(error.message);
        throw error;
    }
}
/** Rejects a document its draft's meta-schema rejects, naming what is wrong. */
function metaValidate(working, draft) {
    // The shared ajv keeps nothing from the documents it validates.
    const meta = sharedAjv(draft);
    if (!meta.validateSchema(working)) {
        throw invalid(`The schema is not a valid JSON Schema (${draft}): ${meta.errorsText(meta.errors, { dataVar: 'schema' })}.`);
    }
}
/** Compiles with the references added under their names: what ajv throws on is what we reject. */
function compileWithAjv(working, draft, resolved) {
    // A fresh instance per schema so references added by name never leak between registrations. No
    // logger: ajv would print the whole generated function (megabytes) for a schema it cannot compile.
    const ajv = createAjv(draft, {
        ...COMPILE_ONE,
        validateSchema: false,
        code: { optimize: false },
        logger: false,
    });
    try {
        for (const [name, refDoc] of resolved)
            addReference(ajv, name, refDoc);
        ajv.compile(working);
    }
    catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw invalid(`The schema cannot be compiled: ${detail}.`);
    }
}
function addReference(ajv, name, refDoc) {
    // Referenced documents were validated when they were registered, possibly under another draft.
    ajv.addSchema(refDoc, name, undefined, false);
}
function asObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? value
        : undefined;
}
const invalid = (message) => new DomainError('INVALID_SCHEMA', message);
