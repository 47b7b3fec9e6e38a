import { respond } from "../../http/respond.js";
import { checkVersionCompatibility } from "../../services/compatibility/checkVersionCompatibility.js";
/** Compares with exactly one live version in the direction(s) of the subject's level. */
export const checkCompatibilityWithVersion = async ({ c, input, deps, }) => respond(c, await checkVersionCompatibility(deps, {
    subject: input.path.subject,
    version: input.path.version,
    body: input.body,
    normalize: input.query.normalize === true,
    verbose: input.query.verbose === true,
}));
