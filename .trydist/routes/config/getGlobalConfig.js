import { respond } from "../../http/respond.js";
import { getConfig } from "../../services/config/getConfig.js";
/** The global config in read form; the server default when none was set (never 404). */
export const getGlobalConfig = async ({ c, deps }) => respond(c, await getConfig(deps, { subject: null, defaultToGlobal: false }));
