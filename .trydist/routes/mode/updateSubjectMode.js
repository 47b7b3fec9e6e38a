import { respond } from "../../http/respond.js";
import { updateMode } from "../../services/mode/updateMode.js";
/** Sets a subject's mode (the subject need not exist) and echoes it; IMPORT over versions needs `force=true`. */
export const updateSubjectMode = async ({ c, input, deps }) => respond(c, await updateMode(deps, {
    subject: input.path.subject,
    mode: input.body.mode,
    force: input.query.force === true,
}));
