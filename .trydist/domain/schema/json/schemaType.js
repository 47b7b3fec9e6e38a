/** The schema types Schemata accepts for registration today. */
export const SUPPORTED_SCHEMA_TYPES = ['JSON'];
const KNOWN_BUT_UNSUPPORTED = new Set(['AVRO', 'PROTOBUF']);
/** Keywords only JSON Schema uses; Avro documents are objects too, so `type` alone proves nothing. */
const JSON_SCHEMA_MARKERS = [
    '$schema',
    '$id',
    '$ref',
    '$defs',
    'definitions',
    'properties',
    'patternProperties',
    'additionalProperties',
    'required',
    'items',
    'prefixItems',
    'allOf',
    'anyOf',
    'oneOf',
    'not',
    'enum',
    'const',
];
/**
 * The schema type to register under, or a sentence explaining the rejection. An absent `schemaType`
 * means AVRO (Confluent's rule), so it is rejected; when the text looks like JSON Schema the sentence
 * tells the caller to send `"schemaType": "JSON"`.
 */
export function resolveSchemaType(schemaType, doc) {
    if (schemaType === undefined || schemaType === '') {
        if (looksLikeJsonSchema(doc)) {
            return {
                problem: 'schemaType is absent, which means AVRO; this schema looks like a JSON Schema: send "schemaType": "JSON".',
            };
        }
        return {
            problem: 'Schema type AVRO (the default when schemaType is absent) is not supported yet; Schemata accepts JSON.',
        };
    }
    const upper = schemaType.toUpperCase();
    if (upper === 'JSON')
        return { type: 'JSON' };
    if (KNOWN_BUT_UNSUPPORTED.has(upper)) {
        return { problem: `Schema type ${upper} is not supported yet; Schemata accepts JSON.` };
    }
    return { problem: `Unknown schemaType '${schemaType}'; Schemata accepts JSON.` };
}
function looksLikeJsonSchema(doc) {
    if (typeof doc === 'boolean')
        return true;
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
        return false;
    const record = doc;
    // Avro records carry `fields`, enums carry `symbols`: those are Avro whatever else they hold.
    if ('fields' in record || 'symbols' in record)
        return false;
    if (JSON_SCHEMA_MARKERS.some((key) => key in record))
        return true;
    return typeof record['type'] === 'string' && ['object', 'integer', 'number'].includes(record['type']);
}
