import { respond } from "../../http/respond.js";
import { getVersionsById as versionsById } from "../../services/schemas/getVersionsById.js";
/** GET /schemas/ids/{id}/versions: `[{subject, version}]` using the id. */
export const getVersionsById = async ({ c, input, deps }) => respond(c, await versionsById(deps, {
    id: Number(input.path.id),
    deleted: input.query.deleted === true,
    offset: input.query.offset ?? 0,
    limit: input.query.limit ?? -1,
}));
