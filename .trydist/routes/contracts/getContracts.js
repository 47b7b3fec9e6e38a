import { respond } from "../../http/respond.js";
import { getContracts as readContracts } from "../../services/contracts/getContracts.js";
/** Bulk contract fetch for consumers at start-up: many subjects in one request, plus the feed position. */
export const getContracts = async ({ c, input, deps }) => respond(c, await readContracts(deps, { subjects: input.body.subjects, versions: input.body.versions }));
