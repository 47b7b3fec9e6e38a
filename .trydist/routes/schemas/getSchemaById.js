import { respond, respondJsonText } from "../../http/respond.js";
import { schemaStringOf } from "../../cache/registryCache.js";
import { getSchemaById as read } from "../../services/schemas/getSchemaById.js";
/**
 * GET /schemas/ids/{id}: the hot path of every consumer. The body comes pre-serialised from memory;
 * the `subject` query parameter is a hint Confluent clients send and is ignored.
 */
export const getSchemaById = async ({ c, input, deps }) => {
    const { cached, maxId } = await read(deps, {
        id: Number(input.path.id),
        fetchMaxId: input.query.fetchMaxId === true,
    });
    if (maxId === undefined)
        return respondJsonText(c, cached.body);
    return respond(c, { ...schemaStringOf(cached.record), maxId });
};
