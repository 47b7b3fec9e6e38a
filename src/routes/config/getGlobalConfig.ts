import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { getConfig } from '../../services/config/getConfig.ts';

/** The global config in read form; the server default when none was set (never 404). */
export const getGlobalConfig: Handler<'getGlobalConfig'> = async ({ c, deps, access }) =>
  respond(c, await getConfig(deps, { subject: null, defaultToGlobal: false, access }));
