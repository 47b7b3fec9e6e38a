import { respond } from "../../http/respond.js";
import { listVersions as list } from "../../services/subjects/listVersions.js";
/** GET /subjects/{s}/versions: version numbers, ascending. */
export const listVersions = async ({ c, input, deps }) => respond(c, await list(deps, {
    subject: input.path.subject,
    deleted: input.query.deleted === true,
    deletedOnly: input.query.deletedOnly === true,
    offset: input.query.offset ?? 0,
    limit: input.query.limit ?? -1,
}));
