import { lockSubject } from "../../db/client.js";
import { findConfig, upsertConfig } from "../../db/repositories/configs.js";
import { DomainError } from "../../domain/errors.js";
import { recordEvent } from "../../events/outbox.js";
import { parseLevel, parsePolicy, storedLevel, toReadForm } from "./configForms.js";
/**
 * PUT /config and PUT /config/{s} (the subject need not exist yet): a partial update — absent keys keep
 * their value. Answers the write form echoing what was set, upper-cased.
 */
export async function updateConfig(deps, input) {
    const { patch, echo } = parseWriteBody(input.body);
    const { subject } = input;
    await deps.db.transaction(async (tx) => {
        // The subject's registrations hold the same lock: a config change waits for one in flight to commit.
        if (subject !== null)
            await lockSubject(tx, subject);
        const row = await upsertConfig(tx, subject, patch);
        const global = subject === null ? undefined : await findConfig(tx, null);
        const inherited = storedLevel(global?.compatibilityLevel) ?? deps.config.defaultCompatibility;
        await recordEvent(tx, {
            type: 'config.changed',
            subject,
            data: { subject, config: toReadForm(row, inherited) },
        });
    });
    deps.events.committed();
    return echo;
}
/** Validates every key before anything is written, so bad input changes nothing. */
function parseWriteBody(body) {
    const patch = {};
    const echo = {};
    if (body.compatibility !== undefined) {
        echo.compatibility = parseLevel(body.compatibility);
        patch.compatibilityLevel = echo.compatibility;
    }
    if (body.compatibilityPolicy !== undefined) {
        echo.compatibilityPolicy = parsePolicy(body.compatibilityPolicy);
        patch.compatibilityPolicy = echo.compatibilityPolicy;
    }
    if (body.normalize !== undefined) {
        echo.normalize = body.normalize;
        patch.normalize = body.normalize;
    }
    if (Object.keys(patch).length === 0) {
        // Most often a body in read form: PUT takes `compatibility`, not `compatibilityLevel`.
        throw new DomainError('INVALID_COMPATIBILITY', 'The config must set at least one of compatibility, compatibilityPolicy or normalize (e.g. {"compatibility": "FULL"}).');
    }
    return { patch, echo };
}
