import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { updateMode } from '../../services/mode/updateMode.ts';

/** Sets the global mode and echoes it; IMPORT over existing subjects needs `force=true`. */
export const updateGlobalMode: Handler<'updateGlobalMode'> = async ({ c, input, deps, access }) =>
  respond(
    c,
    await updateMode(deps, {
      subject: null,
      mode: input.body.mode,
      force: input.query.force === true,
      access,
    }),
  );
