import { deleteKey } from '../../db/repositories/apiKeys.ts';
import type { Access } from '../../domain/access.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../../deps.ts';
import { recordEvent } from '../../events/outbox.ts';
import { keyView, type ApiKeyView } from './keyView.ts';

/**
 * DELETE /admin/keys/{id}: removes the key and writes `key.revoked`. This instance refuses the key at once;
 * every other one when the event reaches its subscription (its credential cache then drops the key).
 */
export async function revokeKey(deps: Deps, input: { id: string; access: Access }): Promise<ApiKeyView> {
  const row = await deps.db.transaction(async (tx) => {
    const removed = await deleteKey(tx, input.id);
    if (removed === undefined) return undefined;
    await recordEvent(tx, {
      type: 'key.revoked',
      subject: null,
      data: { id: input.id },
      actor: input.access.actor,
    });
    return removed;
  });
  if (row === undefined) throw new DomainError('KEY_NOT_FOUND', `API key '${input.id}' not found.`);
  deps.auth.forget(input.id);
  deps.events.committed();
  return keyView(row);
}
