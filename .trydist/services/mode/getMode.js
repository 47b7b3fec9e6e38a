import { findModeChain } from "../../db/repositories/modes.js";
import { DomainError } from "../../domain/errors.js";
import { DEFAULT_MODE, storedMode } from "./readEffectiveMode.js";
/**
 * GET /mode (never 404: READWRITE when unset) and GET /mode/{s}: the subject's own mode, or 40409 when
 * it has none unless `defaultToGlobal` asks for the inherited one.
 */
export async function getMode(deps, input) {
    const { own, global } = await findModeChain(deps.db, input.subject);
    const globalMode = storedMode(global) ?? DEFAULT_MODE;
    if (input.subject === null)
        return { mode: globalMode };
    const ownMode = storedMode(own);
    if (ownMode !== undefined)
        return { mode: ownMode };
    if (input.defaultToGlobal)
        return { mode: globalMode };
    throw new DomainError('SUBJECT_MODE_NOT_FOUND', `Subject '${input.subject}' does not have subject-level mode configured.`);
}
