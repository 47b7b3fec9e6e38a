import { respond } from "../../http/respond.js";
import { deleteConfig } from "../../services/config/deleteConfig.js";
/** Removes a subject's own config and answers it in read form; 40401 when it had none. */
export const deleteSubjectConfig = async ({ c, input, deps }) => respond(c, await deleteConfig(deps, { subject: input.path.subject }));
