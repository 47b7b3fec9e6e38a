import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { getMode } from '../../services/mode/getMode.ts';

/** The global mode; READWRITE when none was set. */
export const getGlobalMode: Handler<'getGlobalMode'> = async ({ c, deps, access }) =>
  respond(c, await getMode(deps, { subject: null, defaultToGlobal: false, access }));
