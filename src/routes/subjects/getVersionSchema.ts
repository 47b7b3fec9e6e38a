import type { Handler } from '../../http/router.ts';
import { respondJsonText } from '../../http/respond.ts';
import { parseVersionSegment } from '../../services/subjects/params.ts';
import { readVersion } from '../../services/subjects/getVersion.ts';

/** GET /subjects/{s}/versions/{v}/schema: the schema document itself, unwrapped. */
export const getVersionSchema: Handler<'getVersionSchema'> = async ({ c, input, deps, access }) => {
  const { record } = await readVersion(deps, {
    subject: input.path.subject,
    version: parseVersionSegment(input.path.version),
    deleted: input.query.deleted === true,
    access,
  });
  return respondJsonText(c, record.schema);
};
