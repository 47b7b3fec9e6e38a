import { respondJsonText } from "../../http/respond.js";
import { readSchemaById } from "../../services/schemas/readSchema.js";
/** GET /schemas/ids/{id}/schema: the schema document itself, unwrapped. */
export const getSchemaTextById = async ({ c, input, deps }) => {
    const cached = await readSchemaById(deps, Number(input.path.id));
    return respondJsonText(c, cached.record.schema);
};
