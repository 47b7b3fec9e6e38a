import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { listSchemas as list } from '../../services/schemas/listSchemas.ts';

/** GET /schemas: Schema views sorted by subject then version. */
export const listSchemas: Handler<'listSchemas'> = async ({ c, input, deps, access }) =>
  respond(
    c,
    await list(deps, {
      prefix: input.query.subjectPrefix,
      deleted: input.query.deleted === true,
      latestOnly: input.query.latestOnly === true,
      // An empty value filters nothing.
      schemaType: input.query.schemaType || undefined,
      offset: input.query.offset ?? 0,
      limit: input.query.limit ?? -1,
      access,
    }),
  );
