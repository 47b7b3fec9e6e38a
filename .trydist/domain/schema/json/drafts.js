import { Ajv } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04Module from 'ajv-draft-04';
import draft06MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
export const DEFAULT_DRAFT = 'draft-07';
const DRAFT_BY_URI = [
    [/^https?:\/\/json-schema\.org\/draft-04\/schema#?$/, 'draft-04'],
    [/^https?:\/\/json-schema\.org\/draft-06\/schema#?$/, 'draft-06'],
    [/^https?:\/\/json-schema\.org\/draft-07\/schema#?$/, 'draft-07'],
    [/^https?:\/\/json-schema\.org\/draft\/2019-09\/schema#?$/, '2019-09'],
    [/^https?:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/, '2020-12'],
];
/**
 * The draft a schema document declares through `$schema`.
 * Returns `undefined` for an unknown `$schema` URI (callers reject it), the default draft when absent.
 */
export function detectDraft(doc) {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
        return DEFAULT_DRAFT;
    const uri = doc['$schema'];
    if (uri === undefined)
        return DEFAULT_DRAFT;
    if (typeof uri !== 'string')
        return undefined;
    for (const [pattern, draft] of DRAFT_BY_URI)
        if (pattern.test(uri))
            return draft;
    return undefined;
}
// ajv-draft-04 ships CommonJS with the class as default export; normalise the interop shape.
const AjvDraft04 = (AjvDraft04Module.default ??
    AjvDraft04Module);
/**
 * A fresh ajv instance for one draft. Formats are annotations (no format validation), which is the
 * convention the compatibility engine and registration share; never loads schemas over the network.
 * Outside draft-04, a plain `id` is an unknown keyword (an annotation), not an error as ajv has it.
 */
export function createAjv(draft, options = {}) {
    const base = {
        strict: false,
        allErrors: false,
        validateFormats: false,
        validateSchema: true,
        addUsedSchema: false,
        loadSchema: undefined,
        ...options,
    };
    switch (draft) {
        case 'draft-04':
            return new AjvDraft04(base);
        case 'draft-06': {
            const ajv = withoutIdKeyword(new Ajv(base));
            ajv.addMetaSchema(draft06MetaSchema);
            return ajv;
        }
        case 'draft-07':
            return withoutIdKeyword(new Ajv(base));
        case '2019-09':
            return withoutIdKeyword(new Ajv2019(base));
        case '2020-12':
            return withoutIdKeyword(new Ajv2020(base));
    }
}
/**
 * Options for an instance that compiles one schema (with its references) and is then dropped: ajv must
 * add the compiled root to itself, or a `$ref: "#"` in a root without `$id` (the usual recursive tree)
 * cannot be resolved. Long-lived instances keep `addUsedSchema: false`, as two versions of a subject
 * often share an `$id` and ajv accepts an id once per instance.
 */
export const COMPILE_ONE = { addUsedSchema: true };
// ajv throws "NOT SUPPORTED: keyword id" on compile; draft-04 instances use `id` as identifier instead.
function withoutIdKeyword(ajv) {
    return ajv.removeKeyword('id');
}
const shared = new Map();
/**
 * One long-lived ajv per draft, for meta-validation and for facts about ajv's configuration. Building an
 * instance compiles the draft's meta-schema (tens of milliseconds); callers must not add schemas to it.
 */
export function sharedAjv(draft) {
    let ajv = shared.get(draft);
    if (ajv === undefined)
        shared.set(draft, (ajv = createAjv(draft)));
    return ajv;
}
/** The ajv meta-schema key of each draft; `$schema` spellings (https, trailing '#') map onto it. */
const META_URI = {
    'draft-04': 'http://json-schema.org/draft-04/schema',
    'draft-06': 'http://json-schema.org/draft-06/schema',
    'draft-07': 'http://json-schema.org/draft-07/schema',
    '2019-09': 'https://json-schema.org/draft/2019-09/schema',
    '2020-12': 'https://json-schema.org/draft/2020-12/schema',
};
/** The document with its `$schema` spelled as ajv knows the draft's meta-schema (a shallow copy). */
export function withMetaUri(doc, draft) {
    if (typeof doc !== 'object' || doc === null || !('$schema' in doc))
        return doc;
    return { ...doc, $schema: META_URI[draft] };
}
/** Whether the draft's meta-schema accepts the document (whose `$schema`, if any, names that draft). */
export function metaValidates(doc, draft) {
    return sharedAjv(draft).validateSchema(withMetaUri(doc, draft)) === true;
}
