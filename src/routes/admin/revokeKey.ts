import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { revokeKey as revoke } from '../../services/keys/revokeKey.ts';

/** DELETE /admin/keys/{id}: revokes the key on every instance (within the change-event latency). */
export const revokeKey: Handler<'revokeKey'> = async ({ c, input, deps, access }) =>
  respond(c, await revoke(deps, { id: input.path.id, access }));
