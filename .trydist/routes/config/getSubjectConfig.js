import { respond } from "../../http/respond.js";
import { getConfig } from "../../services/config/getConfig.js";
/** The subject's own config, or 404/40408 (kafkajs relies on it) unless `defaultToGlobal=true`. */
export const getSubjectConfig = async ({ c, input, deps }) => respond(c, await getConfig(deps, {
    subject: input.path.subject,
    defaultToGlobal: input.query.defaultToGlobal === true,
}));
