import { DomainError } from "../../domain/errors.js";
import { findConfigChain } from "../../db/repositories/configs.js";
import { toReadForm } from "./configForms.js";
/**
 * GET /config and GET /config/{s}. The global form never 404s (server default when unset). A subject
 * answers its OWN config or 40408 — kafkajs reads that 404 as "first registration" — unless
 * `defaultToGlobal` asks for the effective config (each field: subject → global → default).
 */
export async function getConfig(deps, input) {
    const { own, global } = await findConfigChain(deps.db, input.subject);
    const globalForm = toReadForm(global ?? { compatibilityLevel: null, compatibilityPolicy: null, normalize: null }, deps.config.defaultCompatibility);
    if (input.subject === null)
        return globalForm;
    if (own === undefined) {
        if (input.defaultToGlobal)
            return globalForm;
        throw new DomainError('SUBJECT_CONFIG_NOT_FOUND', `Subject '${input.subject}' does not have subject-level compatibility configured.`);
    }
    const ownForm = toReadForm(own, globalForm.compatibilityLevel);
    return input.defaultToGlobal ? { ...globalForm, ...ownForm } : ownForm;
}
