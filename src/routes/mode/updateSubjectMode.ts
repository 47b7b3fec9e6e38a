import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { updateMode } from '../../services/mode/updateMode.ts';

/** Sets a subject's mode (the subject need not exist) and echoes it; IMPORT over versions needs `force=true`. */
export const updateSubjectMode: Handler<'updateSubjectMode'> = async ({ c, input, deps, access }) =>
  respond(
    c,
    await updateMode(deps, {
      subject: input.path.subject,
      mode: input.body.mode,
      force: input.query.force === true,
      access,
    }),
  );
