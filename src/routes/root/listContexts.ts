import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';

/** Only Confluent's default context exists. */
export const listContexts: Handler<'listContexts'> = ({ c }) => respond(c, ['.']);
