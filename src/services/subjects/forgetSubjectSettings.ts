import type { Tx } from '../../db/client.ts';
import { deleteSubjectSettings } from '../../db/repositories/versions.ts';
import { recordEvent } from '../../events/outbox.ts';

/**
 * A subject whose last version was permanently deleted loses its own config and mode too; each removal
 * is announced like a DELETE /config/{s} or /mode/{s} would be, so every instance's view stays right.
 */
export async function forgetSubjectSettings(tx: Tx, subject: string): Promise<void> {
  const removed = await deleteSubjectSettings(tx, subject);
  if (removed.config)
    await recordEvent(tx, { type: 'config.changed', subject, data: { subject, config: null } });
  if (removed.mode) await recordEvent(tx, { type: 'mode.changed', subject, data: { subject, mode: null } });
}
