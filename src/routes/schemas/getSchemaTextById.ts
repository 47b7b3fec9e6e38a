import type { Handler } from '../../http/router.ts';
import { respondJsonText } from '../../http/respond.ts';
import { readSchemaById } from '../../services/schemas/readSchema.ts';

/** GET /schemas/ids/{id}/schema: the schema document itself, unwrapped. */
export const getSchemaTextById: Handler<'getSchemaTextById'> = async ({ c, input, deps, access }) => {
  const cached = await readSchemaById(deps, Number(input.path.id), access);
  return respondJsonText(c, cached.record.schema);
};
