import { respond } from "../../http/respond.js";
import { parseVersionSegment } from "../../services/subjects/params.js";
import { getVersion as get } from "../../services/subjects/getVersion.js";
/** GET /subjects/{s}/versions/{v}: the Schema view (`?name=` leaked by kafkajs is ignored). */
export const getVersion = async ({ c, input, deps }) => respond(c, await get(deps, {
    subject: input.path.subject,
    version: parseVersionSegment(input.path.version),
    deleted: input.query.deleted === true,
}));
