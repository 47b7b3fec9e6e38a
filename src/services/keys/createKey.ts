import { hashSecret, newKeyId, newSecret, tokenOf } from '../../auth/secrets.ts';
import { insertKey } from '../../db/repositories/apiKeys.ts';
import type { Access, Role } from '../../domain/access.ts';
import type { Deps } from '../../deps.ts';
import { recordEvent } from '../../events/outbox.ts';
import type { components } from '../../generated/openapi.ts';
import { keyView } from './keyView.ts';

export type NewApiKey = components['schemas']['NewApiKey'];

/**
 * POST /admin/keys: a new key with a random id and secret. Only the secret's scrypt hash is stored, so the
 * answer is the one time the secret (and the token carrying it) is shown. Writes a `key.created` event.
 */
export async function createKey(
  deps: Deps,
  input: { role: Role; subjects?: string[]; description?: string; access: Access },
): Promise<NewApiKey> {
  const id = newKeyId();
  const secret = newSecret();
  const secretHash = await hashSecret(secret);
  const subjects = input.subjects === undefined ? null : [...new Set(input.subjects)];
  const row = await deps.db.transaction(async (tx) => {
    const inserted = await insertKey(tx, {
      id,
      secretHash,
      role: input.role,
      subjects,
      description: input.description ?? null,
    });
    await recordEvent(tx, {
      type: 'key.created',
      subject: null,
      data: { id, role: input.role, subjects },
      actor: input.access.actor,
    });
    return inserted;
  });
  deps.events.committed();
  const { last_used_at: _never, ...view } = keyView(row);
  return { ...view, id, secret, token: tokenOf(id, secret) };
}
