import { respond } from "../../http/respond.js";
/** Confluent's liveness answer: an empty object. */
export const getRoot = ({ c }) => respond(c, {});
