import { respond } from "../../http/respond.js";
import { checkSubjectCompatibility } from "../../services/compatibility/checkSubjectCompatibility.js";
/** Runs exactly the check registration would run; `verbose=true` adds messages and violations. */
export const checkCompatibility = async ({ c, input, deps }) => respond(c, await checkSubjectCompatibility(deps, {
    subject: input.path.subject,
    body: input.body,
    normalize: input.query.normalize === true,
    verbose: input.query.verbose === true,
}));
