import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { deleteConfig } from '../../services/config/deleteConfig.ts';

/** Removes a subject's own config and answers it in read form; 40401 when it had none. */
export const deleteSubjectConfig: Handler<'deleteSubjectConfig'> = async ({ c, input, deps, access }) =>
  respond(c, await deleteConfig(deps, { subject: input.path.subject, access }));
