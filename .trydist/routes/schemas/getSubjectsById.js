import { respond } from "../../http/respond.js";
import { getSubjectsById as subjectsById } from "../../services/schemas/getSubjectsById.js";
/** GET /schemas/ids/{id}/subjects: the subjects using the id. */
export const getSubjectsById = async ({ c, input, deps }) => respond(c, await subjectsById(deps, {
    id: Number(input.path.id),
    deleted: input.query.deleted === true,
    offset: input.query.offset ?? 0,
    limit: input.query.limit ?? -1,
}));
