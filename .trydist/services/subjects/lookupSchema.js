import { findLatestVersion, findVersionByFingerprint, listVersionRows, } from "../../db/repositories/versions.js";
import { DomainError, subjectNotFound } from "../../domain/errors.js";
import { sortKeys } from "../../domain/schema/json/canonical.js";
import { sortReferences } from "../../domain/schema/json/references.js";
import { readEffectiveConfig } from "../config/readEffectiveConfig.js";
import { parseRegisterRequest } from "../schemas/parseRequest.js";
import { schemaRecordFor, schemaRecordsFor, subjectVersionView } from "../schemas/readSchema.js";
import { assertValidSubject } from "./guards.js";
/**
 * POST /subjects/{s}: the version of the subject that holds this schema, compared by canonical form;
 * never registers. A live version wins; soft-deleted ones count only with `deleted`.
 * 40401 when the subject has no (visible) versions, 40403 when none holds the schema.
 */
export async function lookupSchema(deps, input) {
    assertValidSubject(input.subject);
    if ((await findLatestVersion(deps.db, input.subject, input.deleted)) === undefined)
        throw subjectNotFound(input.subject);
    const config = await readEffectiveConfig(deps.db, input.subject, {
        level: deps.config.defaultCompatibility,
    });
    const normalize = input.normalize || config.normalize;
    const parsed = await parseRegisterRequest(deps, deps.db, input.subject, input.body, { normalize });
    const row = (await findVersionByFingerprint(deps.db, input.subject, parsed.fingerprint, input.deleted)) ??
        (normalize ? await findNormalizedMatch(deps, input.subject, parsed, input.deleted) : undefined);
    if (row === undefined) {
        throw new DomainError('SCHEMA_NOT_FOUND', `Schema not found under subject '${input.subject}'.`);
    }
    const record = await schemaRecordFor(deps, deps.db, row.schemaId);
    return subjectVersionView(input.subject, row.version, record);
}
/**
 * With normalisation, a version registered without it still matches when both sort to the same
 * document: compare sorted forms of each version of the subject (live first, newest first).
 */
async function findNormalizedMatch(deps, subject, parsed, includeDeleted) {
    const rows = await listVersionRows(deps.db, subject, includeDeleted ? 'all' : 'live');
    const records = await schemaRecordsFor(deps, deps.db, rows.map((r) => r.schemaId));
    const wanted = normalizedIdentity(parsed.schemaType, parsed.schema, parsed.referenceList, parsed.metadata, parsed.ruleSet);
    const ordered = [...rows].sort((a, b) => Number(a.deleted) - Number(b.deleted) || b.version - a.version);
    return ordered.find((row) => {
        const record = records.get(row.schemaId);
        return record !== undefined && identityOf(record) === wanted;
    });
}
function identityOf(record) {
    return normalizedIdentity(record.schemaType, JSON.parse(record.schema), record.references, record.metadata, record.ruleSet);
}
function normalizedIdentity(schemaType, doc, references, metadata, ruleSet) {
    return JSON.stringify([
        schemaType,
        sortKeys(doc),
        sortReferences(references),
        sortKeys(metadata ?? null),
        sortKeys(ruleSet ?? null),
    ]);
}
