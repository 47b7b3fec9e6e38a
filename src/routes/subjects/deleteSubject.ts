import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { deleteSubject as remove } from '../../services/subjects/deleteSubject.ts';

/** DELETE /subjects/{s}: the version numbers deleted. */
export const deleteSubject: Handler<'deleteSubject'> = async ({ c, input, deps, access }) =>
  respond(
    c,
    await remove(deps, { subject: input.path.subject, permanent: input.query.permanent === true, access }),
  );
