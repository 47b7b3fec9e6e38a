import { ajvFacts } from "./ajvFacts.js";
import { SCHEMA_LIMITS } from "./limits.js";
import { refScope, resolvesSurely } from "./refTargets.js";
import { vocabularyOf } from "./vocabulary.js";
/** How a value is read at its position. */
var Kind;
(function (Kind) {
    /** A sub-schema, as the draft's meta-schema sees it. */
    Kind[Kind["Schema"] = 0] = "Schema";
    /** An array of sub-schemas. */
    Kind[Kind["List"] = 1] = "List";
    /** An object of sub-schemas (or, under `dependencies`, of property-name arrays). */
    Kind[Kind["Map"] = 2] = "Map";
    /** Any other object (unknown keywords' values): ajv indexes identifiers found there. */
    Kind[Kind["Other"] = 3] = "Other";
    /** Instance data or a plain keyword value: nothing there is compiled or indexed. */
    Kind[Kind["Data"] = 4] = "Data";
})(Kind || (Kind = {}));
const KIND_OF_SHAPE = {
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
export class LimitExceeded extends Error {
}
/**
 * One pass over a document (see inspectDocument): counts and bounds every value, reads each object
 * by its position, and clears `provable` on anything whose compilation by ajv it cannot vouch for.
 */
export class Walk {
    doc;
    draft;
    rootId;
    registry;
    hasRefs = false;
    /** Still true while nothing found could make ajv's compilation fail. */
    provable = true;
    /** JSON values counted so far. */
    values = 0;
    refSites = 0;
    /** The deepest bound on ajv's code nesting anywhere, and at a `$ref` (see inspect.ts). */
    maxNesting = 0;
    maxRefNesting = 0;
    root;
    vocabulary;
    idKey;
    rules;
    scope = null;
    /** `$ref`s already proven (or not) in this document: every one resolves against the root's base. */
    proven = new Map();
    /** `rootId`: the document's identifier as ajv holds it; `registry`: what ajv holds beside it. */
    constructor(doc, draft, rootId, registry) {
        this.doc = doc;
        this.draft = draft;
        this.rootId = rootId;
        this.registry = registry;
        this.root = isRecord(doc) ? doc : undefined;
        this.vocabulary = vocabularyOf(draft);
        const facts = ajvFacts(draft);
        this.idKey = facts.idKey;
        this.rules = facts.rules;
    }
    /** Walks the whole document; throws LimitExceeded when it is too large. */
    run() {
        this.value(this.doc, 0, Kind.Schema, 0);
    }
    /**
     * Counts and bounds any value, then reads a container according to its position. `nesting`: the
     * bound on ajv's code nesting so far: the positions of sub-schemas among their siblings, summed.
     */
    value(value, depth, kind, nesting) {
        if (++this.values > SCHEMA_LIMITS.maxNodes) {
            throw new LimitExceeded(`The schema has more than ${SCHEMA_LIMITS.maxNodes} JSON values.`);
        }
        if (typeof value !== 'object' || value === null) {
            // JSON.parse turns 1e999 into Infinity, which would be stored as null: refuse instead.
            if (typeof value === 'number' && !Number.isFinite(value)) {
                throw new LimitExceeded('The schema contains a number too large to represent (such as 1e999).');
            }
            return;
        }
        if (depth >= SCHEMA_LIMITS.maxDepth) {
            throw new LimitExceeded(`The schema nests deeper than ${SCHEMA_LIMITS.maxDepth} levels.`);
        }
        // Only sub-schemas make ajv's code nest: instance data and unknown keywords are not compiled.
        const compiled = kind === Kind.Schema || kind === Kind.List || kind === Kind.Map;
        if (compiled && nesting > this.maxNesting)
            this.maxNesting = nesting;
        if (Array.isArray(value))
            this.array(value, depth + 1, kind, nesting);
        else if (kind === Kind.Schema)
            this.schema(value, depth + 1, nesting);
        else
            this.object(value, depth + 1, kind, nesting);
    }
    array(items, depth, kind, nesting) {
        const itemKind = kind === Kind.List ? Kind.Schema : kind === Kind.Data ? Kind.Data : Kind.Other;
        for (let i = 0; i < items.length; i++)
            this.value(items[i], depth, itemKind, nesting + i + 1);
    }
    /** A schema object: each keyword by its shape; anything ajv might trip over clears `provable`. */
    schema(record, depth, nesting) {
        if (this.provable && this.hasIdentifier(record))
            this.provable = false;
        let keys = 0;
        for (const key in record) {
            if (++keys > SCHEMA_LIMITS.maxPropertiesPerObject)
                throw tooManyKeys();
            const child = record[key];
            const shape = this.vocabulary.get(key);
            if (key === '$ref')
                this.refSite(nesting + keys);
            if (this.provable)
                this.check(key, child, shape);
            else if (key === '$ref' && typeof child === 'string')
                this.hasRefs = true;
            let kind = shape === undefined ? Kind.Other : KIND_OF_SHAPE[shape];
            // `items` may be one schema; a list keyword holding an object is invalid and read as a schema.
            if (kind === Kind.List && !Array.isArray(child))
                kind = Kind.Schema;
            this.value(child, depth, kind, nesting + keys);
        }
    }
    /** Lists, maps of sub-schemas, unknown keywords' values and instance data. */
    object(record, depth, kind, nesting) {
        if (kind === Kind.Other && this.provable && this.hasIdentifier(record))
            this.provable = false;
        const entriesAreSchemas = kind === Kind.Map;
        let keys = 0;
        for (const key in record) {
            if (++keys > SCHEMA_LIMITS.maxPropertiesPerObject)
                throw tooManyKeys();
            const child = record[key];
            if (key === '$ref' && typeof child === 'string')
                this.hasRefs = true;
            // `dependencies` values may be arrays of property names rather than schemas.
            const childKind = entriesAreSchemas ? (Array.isArray(child) ? Kind.Data : Kind.Schema) : kind;
            this.value(child, depth, childKind, nesting + keys);
        }
    }
    refSite(nesting) {
        this.refSites++;
        if (nesting > this.maxRefNesting)
            this.maxRefNesting = nesting;
    }
    /** The nesting bound of this document's code, `$ref` targets copied in included. */
    span() {
        return this.maxNesting + (this.refSites > 0 ? this.maxRefNesting : 0);
    }
    check(key, value, shape) {
        if (key === '$ref') {
            if (typeof value === 'string')
                this.hasRefs = true;
            if (!this.resolvesSurely(value))
                this.provable = false;
        }
        else if (key === 'pattern') {
            if (typeof value === 'string' && !compilesAsAjvRegex(value))
                this.provable = false;
        }
        else if (key === 'patternProperties' && isRecord(value)) {
            for (const pattern in value)
                if (!compilesAsAjvRegex(pattern))
                    this.provable = false;
        }
        else if (key === 'format') {
            // ajv wants a string; the draft-04 meta-schema does not say so.
            if (typeof value !== 'string')
                this.provable = false;
        }
        else if (key === 'enum') {
            // ajv refuses an empty enum; only some meta-schemas do.
            if (Array.isArray(value) && value.length === 0)
                this.provable = false;
        }
        else if (UNPROVEN.has(key) || (shape === undefined && this.rules.has(key))) {
            // The latter: ajv compiles the keyword but the draft's meta-schema never checked its value.
            this.provable = false;
        }
    }
    /** Nested identifiers change ajv's base URI and may clash; anchors are indexed everywhere. */
    hasIdentifier(record) {
        return ((record !== this.root && typeof record[this.idKey] === 'string') ||
            typeof record['$anchor'] === 'string' ||
            typeof record['$dynamicAnchor'] === 'string');
    }
    resolvesSurely(ref) {
        if (typeof ref !== 'string' || this.root === undefined || this.registry === undefined)
            return false;
        const known = this.proven.get(ref);
        if (known !== undefined)
            return known;
        if (this.scope === null)
            this.scope = refScope(this.draft, this.rootId, this.registry);
        const proven = this.scope !== undefined && resolvesSurely(ref, this.root, this.scope);
        this.proven.set(ref, proven);
        return proven;
    }
}
function compilesAsAjvRegex(pattern) {
    try {
        // ajv compiles every pattern with the unicode flag.
        new RegExp(pattern, 'u');
        return true;
    }
    catch {
        return false;
    }
}
const tooManyKeys = () => new LimitExceeded(`An object in the schema has more than ${SCHEMA_LIMITS.maxPropertiesPerObject} keys.`);
const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
