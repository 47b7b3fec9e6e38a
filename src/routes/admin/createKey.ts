import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { createKey as create } from '../../services/keys/createKey.ts';

/** POST /admin/keys: 201 with the new key's id, secret and token (the only time the secret is shown). */
export const createKey: Handler<'createKey'> = async ({ c, input, deps, access }) =>
  respond(
    c,
    await create(deps, {
      role: input.body.role,
      subjects: input.body.subjects,
      description: input.body.description,
      access,
    }),
    201,
  );
