import { respond } from "../../http/respond.js";
import { updateMode } from "../../services/mode/updateMode.js";
/** Sets the global mode and echoes it; IMPORT over existing subjects needs `force=true`. */
export const updateGlobalMode = async ({ c, input, deps }) => respond(c, await updateMode(deps, { subject: null, mode: input.body.mode, force: input.query.force === true }));
