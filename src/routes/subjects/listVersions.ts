import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { listVersions as list } from '../../services/subjects/listVersions.ts';

/** GET /subjects/{s}/versions: version numbers, ascending. */
export const listVersions: Handler<'listVersions'> = async ({ c, input, deps, access }) =>
  respond(
    c,
    await list(deps, {
      subject: input.path.subject,
      deleted: input.query.deleted === true,
      deletedOnly: input.query.deletedOnly === true,
      offset: input.query.offset ?? 0,
      limit: input.query.limit ?? -1,
      access,
    }),
  );
