import { findLatestVersion, findVersion } from "../../db/repositories/versions.js";
import { DomainError } from "../../domain/errors.js";
import { comparableById } from "./comparable.js";
/** References nest at most this deep (a chain of schemas each referencing the next). */
const MAX_REFERENCE_DEPTH = 32;
/**
 * Each `{name, subject, version}` → that registered version's parsed document, plus (transitively) the
 * documents its own references name. Only the registry is consulted, never the network. Soft-deleted
 * versions still resolve (clients fetch references with `deleted=true`). Unknown subject or version,
 * or one name bound to two different documents → 42201.
 */
export async function resolveReferences(deps, db, references, depth = 0) {
    const resolved = new Map();
    if (references.length === 0)
        return resolved;
    if (depth > MAX_REFERENCE_DEPTH) {
        throw invalid(`References nest deeper than ${MAX_REFERENCE_DEPTH} levels.`);
    }
    for (const ref of references) {
        const target = await findTarget(db, ref);
        const comparable = await comparableById(deps, db, target, depth);
        bind(resolved, ref.name, comparable.schema);
        for (const [name, doc] of comparable.references)
            bind(resolved, name, doc);
    }
    return resolved;
}
async function findTarget(db, ref) {
    if (ref.name === '')
        throw invalid('A reference needs a non-empty name.');
    if (!Number.isInteger(ref.version) || (ref.version < 1 && ref.version !== -1)) {
        throw invalid(`Reference '${ref.name}' has an invalid version ${ref.version}.`);
    }
    const row = ref.version === -1
        ? await findLatestVersion(db, ref.subject, false)
        : await findVersion(db, ref.subject, ref.version);
    if (row === undefined) {
        const version = ref.version === -1 ? 'latest' : `version ${ref.version}`;
        throw invalid(`Reference '${ref.name}' cannot be resolved: subject '${ref.subject}' has no ${version}.`);
    }
    return row.schemaId;
}
function bind(resolved, name, doc) {
    const existing = resolved.get(name);
    if (existing !== undefined && existing !== doc && JSON.stringify(existing) !== JSON.stringify(doc)) {
        throw invalid(`Reference name '${name}' is bound to two different schemas.`);
    }
    resolved.set(name, doc);
}
const invalid = (message) => new DomainError('INVALID_SCHEMA', message);
