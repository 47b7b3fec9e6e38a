import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { getVersionsById as versionsById } from '../../services/schemas/getVersionsById.ts';

/** GET /schemas/ids/{id}/versions: `[{subject, version}]` using the id. */
export const getVersionsById: Handler<'getVersionsById'> = async ({ c, input, deps, access }) =>
  respond(
    c,
    await versionsById(deps, {
      id: Number(input.path.id),
      deleted: input.query.deleted === true,
      offset: input.query.offset ?? 0,
      limit: input.query.limit ?? -1,
      access,
    }),
  );
