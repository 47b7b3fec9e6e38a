import { respond } from "../../http/respond.js";
import { getMode } from "../../services/mode/getMode.js";
/** The subject's own mode, or 404/40409 unless `defaultToGlobal=true`. */
export const getSubjectMode = async ({ c, input, deps }) => respond(c, await getMode(deps, {
    subject: input.path.subject,
    defaultToGlobal: input.query.defaultToGlobal === true,
}));
