import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { deleteMode } from '../../services/mode/deleteMode.ts';

/** Removes a subject's own mode and answers it; 40409 when it had none. */
export const deleteSubjectMode: Handler<'deleteSubjectMode'> = async ({ c, input, deps, access }) =>
  respond(c, await deleteMode(deps, { subject: input.path.subject, access }));
