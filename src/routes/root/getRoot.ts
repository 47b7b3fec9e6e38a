import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';

/** Confluent's liveness answer: an empty object. */
export const getRoot: Handler<'getRoot'> = ({ c }) => respond(c, {});
