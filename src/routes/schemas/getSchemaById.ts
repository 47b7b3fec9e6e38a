import type { Handler } from '../../http/router.ts';
import { respond, respondJsonText } from '../../http/respond.ts';
import { schemaStringOf } from '../../cache/registryCache.ts';
import { getSchemaById as read } from '../../services/schemas/getSchemaById.ts';

/**
 * GET /schemas/ids/{id}: the hot path of every consumer. The body comes pre-serialised from memory;
 * the `subject` query parameter is a hint Confluent clients send and is ignored.
 */
export const getSchemaById: Handler<'getSchemaById'> = async ({ c, input, deps, access }) => {
  const { cached, maxId } = await read(deps, {
    id: Number(input.path.id),
    fetchMaxId: input.query.fetchMaxId === true,
    access,
  });
  if (maxId === undefined) return respondJsonText(c, cached.body);
  return respond(c, { ...schemaStringOf(cached.record), maxId });
};
