import { respond } from "../../http/respond.js";
/** Only Confluent's default context exists. */
export const listContexts = ({ c }) => respond(c, ['.']);
