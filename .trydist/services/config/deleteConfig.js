import { lockSubject } from "../../db/client.js";
import { deleteConfigRow, findConfig } from "../../db/repositories/configs.js";
import { DomainError } from "../../domain/errors.js";
import { recordEvent } from "../../events/outbox.js";
import { storedLevel, toReadForm } from "./configForms.js";
/**
 * DELETE /config resets the global config to the server default and answers the previous one (the
 * default itself when none was set). DELETE /config/{s} answers the removed config, or 40401 when the
 * subject had none.
 */
export async function deleteConfig(deps, input) {
    const { subject } = input;
    const fallback = deps.config.defaultCompatibility;
    const removed = await deps.db.transaction(async (tx) => {
        if (subject !== null)
            await lockSubject(tx, subject);
        const row = await deleteConfigRow(tx, subject);
        if (row === undefined)
            return undefined;
        const global = subject === null ? undefined : await findConfig(tx, null);
        await recordEvent(tx, { type: 'config.changed', subject, data: { subject, config: null } });
        return toReadForm(row, storedLevel(global?.compatibilityLevel) ?? fallback);
    });
    if (removed === undefined) {
        if (subject === null)
            return { compatibilityLevel: fallback };
        throw new DomainError('SUBJECT_NOT_FOUND', `Subject '${subject}' has no subject-level compatibility config.`);
    }
    deps.events.committed();
    return removed;
}
