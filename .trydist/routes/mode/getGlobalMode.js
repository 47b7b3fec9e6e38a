import { respond } from "../../http/respond.js";
import { getMode } from "../../services/mode/getMode.js";
/** The global mode; READWRITE when none was set. */
export const getGlobalMode = async ({ c, deps }) => respond(c, await getMode(deps, { subject: null, defaultToGlobal: false }));
