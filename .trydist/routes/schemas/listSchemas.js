import { respond } from "../../http/respond.js";
import { listSchemas as list } from "../../services/schemas/listSchemas.js";
/** GET /schemas: Schema views sorted by subject then version. */
export const listSchemas = async ({ c, input, deps }) => respond(c, await list(deps, {
    prefix: input.query.subjectPrefix,
    deleted: input.query.deleted === true,
    latestOnly: input.query.latestOnly === true,
    offset: input.query.offset ?? 0,
    limit: input.query.limit ?? -1,
}));
