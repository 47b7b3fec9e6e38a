import { readEffectiveConfig } from "../config/readEffectiveConfig.js";
import { checkAgainstSubject } from "./checkAgainstSubject.js";
import { parseProposed } from "./parseProposed.js";
import { invalidSchemaResponse, verdictResponse, } from "./verdictResponse.js";
/**
 * POST /compatibility/subjects/{s}/versions: exactly the check registration would run — the subject's
 * effective level and policy, against the live versions that level selects. Writes nothing.
 */
export async function checkSubjectCompatibility(deps, input) {
    const config = await readEffectiveConfig(deps.db, input.subject, {
        level: deps.config.defaultCompatibility,
    });
    const proposed = await parseProposed(deps, input.subject, input.body, {
        normalize: input.normalize || config.normalize,
        verbose: input.verbose,
    });
    if ('invalid' in proposed)
        return invalidSchemaResponse(proposed.invalid, input.verbose);
    const result = await checkAgainstSubject(deps, deps.db, input.subject, proposed, config);
    return verdictResponse(result, { level: config.level, compared: result.compared, verbose: input.verbose });
}
