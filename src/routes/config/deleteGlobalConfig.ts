import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { deleteConfig } from '../../services/config/deleteConfig.ts';

/** Resets the global config to the server default; answers the previous one in read form. */
export const deleteGlobalConfig: Handler<'deleteGlobalConfig'> = async ({ c, deps, access }) =>
  respond(c, await deleteConfig(deps, { subject: null, access }));
