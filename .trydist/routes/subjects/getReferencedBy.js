import { respond } from "../../http/respond.js";
import { parseVersionSegment } from "../../services/subjects/params.js";
import { getReferencedBy as referencedBy } from "../../services/subjects/getReferencedBy.js";
/** GET /subjects/{s}/versions/{v}/referencedby: ids of the schemas referencing the version. */
export const getReferencedBy = async ({ c, input, deps }) => respond(c, await referencedBy(deps, {
    subject: input.path.subject,
    version: parseVersionSegment(input.path.version),
    deleted: input.query.deleted === true,
    offset: input.query.offset ?? 0,
    limit: input.query.limit ?? -1,
}));
