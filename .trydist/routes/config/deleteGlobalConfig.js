import { respond } from "../../http/respond.js";
import { deleteConfig } from "../../services/config/deleteConfig.js";
/** Resets the global config to the server default; answers the previous one in read form. */
export const deleteGlobalConfig = async ({ c, deps }) => respond(c, await deleteConfig(deps, { subject: null }));
