import { lockSubject } from "../../db/client.js";
import { deleteModeRow } from "../../db/repositories/modes.js";
import { DomainError } from "../../domain/errors.js";
import { recordEvent } from "../../events/outbox.js";
import { DEFAULT_MODE, storedMode } from "./readEffectiveMode.js";
/**
 * DELETE /mode resets the global mode to READWRITE and answers the previous one (READWRITE when none was
 * set). DELETE /mode/{s} answers the removed subject mode, or 40409 when the subject had none.
 */
export async function deleteMode(deps, input) {
    const { subject } = input;
    const removed = await deps.db.transaction(async (tx) => {
        if (subject !== null)
            await lockSubject(tx, subject);
        const mode = await deleteModeRow(tx, subject);
        if (mode === undefined)
            return undefined;
        await recordEvent(tx, { type: 'mode.changed', subject, data: { subject, mode: null } });
        return mode;
    });
    if (removed === undefined) {
        if (subject === null)
            return { mode: DEFAULT_MODE };
        throw new DomainError('SUBJECT_MODE_NOT_FOUND', `Subject '${subject}' does not have subject-level mode configured.`);
    }
    deps.events.committed();
    return { mode: storedMode(removed) ?? DEFAULT_MODE };
}
