import { lockSubject } from "../../db/client.js";
import { hasAnyVersion, upsertMode } from "../../db/repositories/modes.js";
import { DomainError } from "../../domain/errors.js";
import { recordEvent } from "../../events/outbox.js";
import { parseMode } from "./readEffectiveMode.js";
/**
 * PUT /mode and PUT /mode/{s} (the subject need not exist). Entering IMPORT where versions already
 * exist (anywhere for global, in the subject otherwise) needs `force`, else 42205: imported ids and
 * versions could collide with the ones already issued.
 */
export async function updateMode(deps, input) {
    const mode = parseMode(input.mode);
    const { subject } = input;
    await deps.db.transaction(async (tx) => {
        // Under the subject lock a concurrent registration cannot slip a version in past the IMPORT check.
        if (subject !== null)
            await lockSubject(tx, subject);
        if (mode === 'IMPORT' && !input.force && (await hasAnyVersion(tx, subject))) {
            const scope = subject === null ? 'the registry has subjects' : `subject '${subject}' has versions`;
            throw new DomainError('OPERATION_NOT_PERMITTED', `Cannot enter IMPORT mode because ${scope}; pass force=true.`);
        }
        await upsertMode(tx, subject, mode);
        await recordEvent(tx, { type: 'mode.changed', subject, data: { subject, mode } });
    });
    deps.events.committed();
    return { mode };
}
