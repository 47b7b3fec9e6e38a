import { lockSubject } from '../../db/client.ts';
import { deleteConfigRow, findConfig } from '../../db/repositories/configs.ts';
import type { Access } from '../../domain/access.ts';
import { DomainError } from '../../domain/errors.ts';
import { recordEvent } from '../../events/outbox.ts';
import type { Deps } from '../../deps.ts';
import { storedLevel, toReadForm, type ConfigReadForm } from './configForms.ts';

/**
 * DELETE /config resets the global config to the server default and answers the previous one (the
 * default itself when none was set). DELETE /config/{s} answers the removed config, or 40401 when the
 * subject had none.
 */
export async function deleteConfig(
  deps: Deps,
  input: { subject: string | null; access: Access },
): Promise<ConfigReadForm> {
  const { subject } = input;
  const fallback = deps.config.defaultCompatibility;
  const removed = await deps.db.transaction(async (tx) => {
    if (subject !== null) await lockSubject(tx, subject);
    const row = await deleteConfigRow(tx, subject);
    if (row === undefined) return undefined;
    const global = subject === null ? undefined : await findConfig(tx, null);
    await recordEvent(tx, {
      type: 'config.changed',
      subject,
      data: { subject, config: null },
      actor: input.access.actor,
    });
    return toReadForm(row, storedLevel(global?.compatibilityLevel) ?? fallback);
  });
  if (removed === undefined) {
    if (subject === null) return { compatibilityLevel: fallback };
    throw new DomainError(
      'SUBJECT_NOT_FOUND',
      `Subject '${subject}' has no subject-level compatibility config.`,
    );
  }
  deps.events.committed();
  return removed;
}
