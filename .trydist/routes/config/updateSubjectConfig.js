import { respond } from "../../http/respond.js";
import { updateConfig } from "../../services/config/updateConfig.js";
/** Partial update of a subject's config; the subject need not exist yet. Echoes the write form. */
export const updateSubjectConfig = async ({ c, input, deps }) => respond(c, await updateConfig(deps, { subject: input.path.subject, body: input.body }));
