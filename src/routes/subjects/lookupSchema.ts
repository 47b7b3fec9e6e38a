import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { lookupSchema as lookup } from '../../services/subjects/lookupSchema.ts';

/** POST /subjects/{s}: the version holding this schema; never registers. */
export const lookupSchema: Handler<'lookupSchema'> = async ({ c, input, deps, access }) =>
  respond(
    c,
    await lookup(deps, {
      subject: input.path.subject,
      body: input.body,
      normalize: input.query.normalize === true,
      deleted: input.query.deleted === true,
      access,
    }),
  );
