import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { getSubjectsById as subjectsById } from '../../services/schemas/getSubjectsById.ts';

/** GET /schemas/ids/{id}/subjects: the subjects using the id. */
export const getSubjectsById: Handler<'getSubjectsById'> = async ({ c, input, deps, access }) =>
  respond(
    c,
    await subjectsById(deps, {
      id: Number(input.path.id),
      deleted: input.query.deleted === true,
      offset: input.query.offset ?? 0,
      limit: input.query.limit ?? -1,
      access,
    }),
  );
