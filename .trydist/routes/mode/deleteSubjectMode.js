import { respond } from "../../http/respond.js";
import { deleteMode } from "../../services/mode/deleteMode.js";
/** Removes a subject's own mode and answers it; 40409 when it had none. */
export const deleteSubjectMode = async ({ c, input, deps }) => respond(c, await deleteMode(deps, { subject: input.path.subject }));
