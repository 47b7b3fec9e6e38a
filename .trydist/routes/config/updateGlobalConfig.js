import { respond } from "../../http/respond.js";
import { updateConfig } from "../../services/config/updateConfig.js";
/** Partial update of the global config; echoes the write form (`compatibility`, not `compatibilityLevel`). */
export const updateGlobalConfig = async ({ c, input, deps }) => respond(c, await updateConfig(deps, { subject: null, body: input.body }));
