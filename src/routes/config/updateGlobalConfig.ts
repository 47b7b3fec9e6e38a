import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { updateConfig } from '../../services/config/updateConfig.ts';

/** Partial update of the global config; echoes the write form (`compatibility`, not `compatibilityLevel`). */
export const updateGlobalConfig: Handler<'updateGlobalConfig'> = async ({ c, input, deps, access }) =>
  respond(c, await updateConfig(deps, { subject: null, body: input.body, access }));
