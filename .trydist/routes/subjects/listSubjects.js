import { respond } from "../../http/respond.js";
import { listSubjects as list } from "../../services/subjects/listSubjects.js";
/** GET /subjects: sorted subject names. */
export const listSubjects = async ({ c, input, deps }) => respond(c, await list(deps, {
    prefix: input.query.subjectPrefix,
    deleted: input.query.deleted === true,
    deletedOnly: input.query.deletedOnly === true,
    offset: input.query.offset ?? 0,
    limit: input.query.limit ?? -1,
}));
