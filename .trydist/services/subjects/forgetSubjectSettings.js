import { deleteSubjectSettings } from "../../db/repositories/versions.js";
/**
 * A subject whose last version was permanently deleted loses its own config and mode too. Returns the
 * events announcing each removal (as a DELETE /config/{s} or /mode/{s} would, so every instance's view
 * stays right), for the caller to record after its own: events are a transaction's last writes.
 */
export async function forgetSubjectSettings(tx, subject) {
    const removed = await deleteSubjectSettings(tx, subject);
    const events = [];
    if (removed.config)
        events.push({ type: 'config.changed', subject, data: { subject, config: null } });
    if (removed.mode)
        events.push({ type: 'mode.changed', subject, data: { subject, mode: null } });
    return events;
}
