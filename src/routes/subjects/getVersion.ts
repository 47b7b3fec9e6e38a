import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { parseVersionSegment } from '../../services/subjects/params.ts';
import { getVersion as get } from '../../services/subjects/getVersion.ts';

/** GET /subjects/{s}/versions/{v}: the Schema view (`?name=` leaked by kafkajs is ignored). */
export const getVersion: Handler<'getVersion'> = async ({ c, input, deps, access }) =>
  respond(
    c,
    await get(deps, {
      subject: input.path.subject,
      version: parseVersionSegment(input.path.version),
      deleted: input.query.deleted === true,
      access,
    }),
  );
