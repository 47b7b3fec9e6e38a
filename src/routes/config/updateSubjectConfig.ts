import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { updateConfig } from '../../services/config/updateConfig.ts';

/** Partial update of a subject's config; the subject need not exist yet. Echoes the write form. */
export const updateSubjectConfig: Handler<'updateSubjectConfig'> = async ({ c, input, deps, access }) =>
  respond(c, await updateConfig(deps, { subject: input.path.subject, body: input.body, access }));
