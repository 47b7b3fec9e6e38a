import { respond } from "../../http/respond.js";
import { deleteSubject as remove } from "../../services/subjects/deleteSubject.js";
/** DELETE /subjects/{s}: the version numbers deleted. */
export const deleteSubject = async ({ c, input, deps }) => respond(c, await remove(deps, { subject: input.path.subject, permanent: input.query.permanent === true }));
