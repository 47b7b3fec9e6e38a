import { lockSubject } from '../../db/client.ts';
import { deleteModeRow } from '../../db/repositories/modes.ts';
import type { Access } from '../../domain/access.ts';
import { DomainError } from '../../domain/errors.ts';
import { recordEvent } from '../../events/outbox.ts';
import type { Deps } from '../../deps.ts';
import { DEFAULT_MODE, storedMode, type Mode } from './readEffectiveMode.ts';

/**
 * DELETE /mode resets the global mode to READWRITE and answers the previous one (READWRITE when none was
 * set). DELETE /mode/{s} answers the removed subject mode, or 40409 when the subject had none.
 */
export async function deleteMode(
  deps: Deps,
  input: { subject: string | null; access: Access },
): Promise<{ mode: Mode }> {
  const { subject } = input;
  const removed = await deps.db.transaction(async (tx) => {
    if (subject !== null) await lockSubject(tx, subject);
    const mode = await deleteModeRow(tx, subject);
    if (mode === undefined) return undefined;
    await recordEvent(tx, {
      type: 'mode.changed',
      subject,
      data: { subject, mode: null },
      actor: input.access.actor,
    });
    return mode;
  });
  if (removed === undefined) {
    if (subject === null) return { mode: DEFAULT_MODE };
    throw new DomainError(
      'SUBJECT_MODE_NOT_FOUND',
      `Subject '${subject}' does not have subject-level mode configured.`,
    );
  }
  deps.events.committed();
  return { mode: storedMode(removed) ?? DEFAULT_MODE };
}
