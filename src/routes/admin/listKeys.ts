import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { listKeys as list } from '../../services/keys/listKeys.ts';

/** GET /admin/keys: the stored keys, without secrets. */
export const listKeys: Handler<'listKeys'> = async ({ c, deps }) => respond(c, await list(deps));
