import { respond } from "../../http/respond.js";
import { parseVersionSegment } from "../../services/subjects/params.js";
import { deleteVersion as remove } from "../../services/subjects/deleteVersion.js";
/** DELETE /subjects/{s}/versions/{v}: the deleted version number, as a bare integer. */
export const deleteVersion = async ({ c, input, deps }) => respond(c, await remove(deps, {
    subject: input.path.subject,
    version: parseVersionSegment(input.path.version),
    permanent: input.query.permanent === true,
}));
