import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { parseVersionSegment } from '../../services/subjects/params.ts';
import { getReferencedBy as referencedBy } from '../../services/subjects/getReferencedBy.ts';

/** GET /subjects/{s}/versions/{v}/referencedby: ids of the schemas referencing the version. */
export const getReferencedBy: Handler<'getReferencedBy'> = async ({ c, input, deps, access }) =>
  respond(
    c,
    await referencedBy(deps, {
      subject: input.path.subject,
      version: parseVersionSegment(input.path.version),
      deleted: input.query.deleted === true,
      offset: input.query.offset ?? 0,
      limit: input.query.limit ?? -1,
      access,
    }),
  );
