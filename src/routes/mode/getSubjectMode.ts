import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { getMode } from '../../services/mode/getMode.ts';

/** The subject's own mode, or 404/40409 unless `defaultToGlobal=true`. */
export const getSubjectMode: Handler<'getSubjectMode'> = async ({ c, input, deps, access }) =>
  respond(
    c,
    await getMode(deps, {
      subject: input.path.subject,
      defaultToGlobal: input.query.defaultToGlobal === true,
      access,
    }),
  );
