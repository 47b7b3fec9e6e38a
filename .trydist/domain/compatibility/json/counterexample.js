import { COMPILE_ONE, createAjv } from "../../schema/json/drafts.js";
import { Lru } from "./memo.js";
import { samples } from "./samples.js";
import { evaluate } from "./evaluate.js";
import { isSafePattern } from "./patterns.js";
const MAX_CACHED = 256;
const MAX_DOCUMENT_LENGTH = 100_000;
const validators = new Lru(MAX_CACHED);
// A fresh ajv compiles its meta-schema (~70 ms); one shared instance per draft and mode is recycled
// every so often because ajv keeps every compiled schema.
const pool = new Map();
const RECYCLE_AFTER = 200;
function shared(draft, reader) {
    const key = `${draft}|${reader}`;
    let entry = pool.get(key);
    if (entry === undefined || entry.uses >= RECYCLE_AFTER) {
        entry = { ajv: createAjv(draft, { useDefaults: reader }), uses: 0 };
        pool.set(key, entry);
    }
    entry.uses++;
    return entry.ajv;
}
function build(draft, schema, reader, refersToRoot) {
    // A schema the meta-schema rejects (e.g. an empty enum) is still compiled keyword by keyword.
    for (const validateSchema of [true, false]) {
        try {
            // See COMPILE_ONE for why a document referring to its root needs a fresh instance.
            if (schema.references.size === 0 && validateSchema && !refersToRoot)
                return shared(draft, reader).compile(schema.document);
            const ajv = createAjv(draft, { ...COMPILE_ONE, useDefaults: reader, validateSchema });
            for (const [name, doc] of schema.references) {
                if (typeof doc === 'object' && doc !== null)
                    ajv.addSchema(doc, name);
            }
            return ajv.compile(schema.document);
        }
        catch {
            continue;
        }
    }
    return null;
}
function compile(schema, reader) {
    const key = `${reader ? 'r' : 'w'}\u0000${schema.fingerprint}`;
    const hit = validators.get(key);
    if (hit !== undefined)
        return hit ?? undefined;
    let fn = null;
    // ajv's compile time grows badly with huge keyword values (50k-value enums take seconds): skip those.
    // ajv runs the schema's own regexes: one with catastrophic backtracking would freeze the process.
    const text = JSON.stringify(schema.document) ?? '';
    if (schema.draft !== undefined &&
        text.length <= MAX_DOCUMENT_LENGTH &&
        !hasUnsafePattern(schema.document)) {
        // The shared instance cannot resolve a `$ref` to the document's root ("#"): such documents get a fresh one.
        fn = build(schema.draft, schema, reader, text.includes('"$ref":"#"'));
    }
    validators.set(key, fn);
    return fn ?? undefined;
}
/** True when a `pattern` or `patternProperties` key anywhere in the document may backtrack badly. */
function hasUnsafePattern(document) {
    const stack = [document];
    while (stack.length > 0) {
        const node = stack.pop();
        if (typeof node !== 'object' || node === null)
            continue;
        if (Array.isArray(node)) {
            stack.push(...node);
            continue;
        }
        for (const [key, value] of Object.entries(node)) {
            if (key === 'pattern' && typeof value === 'string' && !isSafePattern(value))
                return true;
            if (key === 'patternProperties' && typeof value === 'object' && value !== null) {
                if (Object.keys(value).some((source) => !isSafePattern(source)))
                    return true;
            }
            stack.push(value);
        }
    }
    return false;
}
/** True when ajv accepts `doc` under the writer and rejects it under the reader. */
export function confirms(writer, reader, doc) {
    if (doc === undefined)
        return false;
    const w = compile(writer, false);
    const r = compile(reader, true);
    if (w === undefined || r === undefined)
        return false;
    try {
        return w(structuredClone(doc)) === true && r(structuredClone(doc)) === false;
    }
    catch {
        return false;
    }
}
/** A generic search when no difference produced a confirmed witness: samples of the writer. */
export function searchCounterexample(writer, reader) {
    for (const v of samples(writer.root)) {
        if (!evaluate(reader.root, v, 'writer') && confirms(writer, reader, v))
            return v;
    }
    for (const v of samples(writer.root))
        if (confirms(writer, reader, v))
            return v;
    return undefined;
}
