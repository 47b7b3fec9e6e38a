import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { listSubjects as list } from '../../services/subjects/listSubjects.ts';

/** GET /subjects: sorted subject names. */
export const listSubjects: Handler<'listSubjects'> = async ({ c, input, deps, access }) =>
  respond(
    c,
    await list(deps, {
      prefix: input.query.subjectPrefix,
      deleted: input.query.deleted === true,
      deletedOnly: input.query.deletedOnly === true,
      offset: input.query.offset ?? 0,
      limit: input.query.limit ?? -1,
      access,
    }),
  );
