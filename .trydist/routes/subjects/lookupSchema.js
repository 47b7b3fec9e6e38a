import { respond } from "../../http/respond.js";
import { lookupSchema as lookup } from "../../services/subjects/lookupSchema.js";
/** POST /subjects/{s}: the version holding this schema; never registers. */
export const lookupSchema = async ({ c, input, deps }) => respond(c, await lookup(deps, {
    subject: input.path.subject,
    body: input.body,
    normalize: input.query.normalize === true,
    deleted: input.query.deleted === true,
}));
