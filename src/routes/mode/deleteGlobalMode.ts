import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { deleteMode } from '../../services/mode/deleteMode.ts';

/** Resets the global mode to READWRITE; answers the previous one. */
export const deleteGlobalMode: Handler<'deleteGlobalMode'> = async ({ c, deps, access }) =>
  respond(c, await deleteMode(deps, { subject: null, access }));
