import { respondJsonText } from "../../http/respond.js";
import { parseVersionSegment } from "../../services/subjects/params.js";
import { readVersion } from "../../services/subjects/getVersion.js";
/** GET /subjects/{s}/versions/{v}/schema: the schema document itself, unwrapped. */
export const getVersionSchema = async ({ c, input, deps }) => {
    const { record } = await readVersion(deps, {
        subject: input.path.subject,
        version: parseVersionSegment(input.path.version),
        deleted: input.query.deleted === true,
    });
    return respondJsonText(c, record.schema);
};
