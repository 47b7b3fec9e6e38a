import { respond } from "../../http/respond.js";
import { deleteMode } from "../../services/mode/deleteMode.js";
/** Resets the global mode to READWRITE; answers the previous one. */
export const deleteGlobalMode = async ({ c, deps }) => respond(c, await deleteMode(deps, { subject: null }));
