import { DomainError } from "../../domain/errors.js";
import { parseRegisterRequest } from "../schemas/parseRequest.js";
/**
 * Parses the proposed schema exactly as registration would. With `verbose`, an invalid schema becomes
 * a verdict (`{ invalid: <reason> }`) instead of the 42201 error, which is what Confluent answers.
 */
export async function parseProposed(deps, subject, body, options) {
    try {
        return await parseRegisterRequest(deps, deps.db, subject, body, { normalize: options.normalize });
    }
    catch (error) {
        if (options.verbose && error instanceof DomainError && error.kind === 'INVALID_SCHEMA') {
            return { invalid: error.message };
        }
        throw error;
    }
}
