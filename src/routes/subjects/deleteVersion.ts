import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { parseVersionSegment } from '../../services/subjects/params.ts';
import { deleteVersion as remove } from '../../services/subjects/deleteVersion.ts';

/** DELETE /subjects/{s}/versions/{v}: the deleted version number, as a bare integer. */
export const deleteVersion: Handler<'deleteVersion'> = async ({ c, input, deps, access }) =>
  respond(
    c,
    await remove(deps, {
      subject: input.path.subject,
      version: parseVersionSegment(input.path.version),
      permanent: input.query.permanent === true,
      access,
    }),
  );
