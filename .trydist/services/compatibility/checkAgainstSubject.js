import { checkCompatibility, isTransitive, } from "../../domain/compatibility/index.js";
import { DomainError } from "../../domain/errors.js";
import { loadLiveVersions, loadVersionRefs } from "../schemas/loadLiveVersions.js";
import { renderConfluentMessages, toWireViolations } from "./renderMessages.js";
export { renderConfluentMessages, toWireViolations } from "./renderMessages.js";
/**
 * The check registration runs: the proposed schema against the subject's live versions (newest first)
 * that `config.level` selects. A subject without live versions, or level NONE, accepts anything.
 */
export async function checkAgainstSubject(deps, db, subject, proposed, config, 
/** The latest live version when the caller has read it already (registration does, under the lock). */
known) {
    const accepted = { compatible: true, violations: [], level: config.level, compared: [] };
    if (config.level === 'NONE')
        return accepted;
    // `compared` names exactly the versions the level selects: plain levels see only the latest.
    const selected = known !== undefined && !isTransitive(config.level)
        ? await loadVersionRefs(deps, db, known.latest === undefined ? [] : [known.latest])
        : await loadLiveVersions(deps, db, subject, isTransitive(config.level) ? undefined : 1);
    if (selected.length === 0)
        return accepted;
    const verdict = checkCompatibility(config.level, proposed, selected, config.policy);
    return { ...verdict, level: config.level, compared: selected };
}
/**
 * Register's 409 (kind INCOMPATIBLE_SCHEMA): Confluent's sentence naming the subject with the same
 * `messages` list the verbose check returns, and the structured violations as `extra.violations`.
 */
export function incompatibleError(subject, result) {
    const compared = result.compared ?? [];
    const violations = toWireViolations(result.violations, compared.length === 1 ? compared[0]?.version : undefined);
    const details = renderConfluentMessages(violations, result.level, compared);
    return new DomainError('INCOMPATIBLE_SCHEMA', `Schema being registered is incompatible with an earlier schema for subject "${subject}", details: [${details.join(', ')}]`, { violations });
}
