import { checkPair, directionsOf } from "../../domain/compatibility/index.js";
import { DomainError } from "../../domain/errors.js";
import { readEffectiveConfig } from "../config/readEffectiveConfig.js";
import { loadVersion } from "../schemas/loadLiveVersions.js";
import { parseVersionSegment } from "../subjects/params.js";
import { parseProposed } from "./parseProposed.js";
import { invalidSchemaResponse, verdictResponse, } from "./verdictResponse.js";
/**
 * POST /compatibility/subjects/{s}/versions/{v}: the proposed schema against exactly that live version,
 * in the direction(s) of the subject's level — transitivity plays no part. `latest` of a subject with
 * no live version accepts anything; a numeric version that is missing or soft-deleted is 40402
 * (40401 when the subject itself is unknown).
 */
export async function checkVersionCompatibility(deps, input) {
    const config = await readEffectiveConfig(deps.db, input.subject, {
        level: deps.config.defaultCompatibility,
    });
    // The router's pattern lets ten digits through: 2147483648 must be 42202, not an integer overflow in SQL.
    const existing = await findTarget(deps, input.subject, parseVersionSegment(input.version));
    const proposed = await parseProposed(deps, input.subject, input.body, {
        normalize: input.normalize || config.normalize,
        verbose: input.verbose,
    });
    if ('invalid' in proposed)
        return invalidSchemaResponse(proposed.invalid, input.verbose);
    const context = { level: config.level, verbose: input.verbose };
    if (existing === undefined || config.level === 'NONE') {
        return verdictResponse({ compatible: true, violations: [] }, { ...context, compared: [] });
    }
    const verdict = checkPair(proposed, existing, directionsOf(config.level), config.policy);
    return verdictResponse(verdict, { ...context, compared: [existing] });
}
async function findTarget(deps, subject, version) {
    try {
        return await loadVersion(deps, deps.db, subject, version, false);
    }
    catch (error) {
        const missing = error instanceof DomainError &&
            (error.kind === 'SUBJECT_NOT_FOUND' || error.kind === 'VERSION_NOT_FOUND');
        // Nothing live to compare with: Confluent answers compatible for `latest`.
        if (missing && version === 'latest')
            return undefined;
        throw error;
    }
}
