/** The JSON-safe view of engine violations, with `oldVersion` filled in when only one version was compared. */
export function toWireViolations(violations, soleVersion) {
    return violations.map((v) => {
        const wire = { rule: v.rule, oldPath: v.oldPath, newPath: v.newPath, message: v.message };
        if (v.direction !== undefined)
            wire.direction = v.direction;
        const oldVersion = v.oldVersion ?? soleVersion;
        if (oldVersion !== undefined)
            wire.oldVersion = oldVersion;
        if (v.counterexample !== undefined)
            wire.counterexample = v.counterexample;
        return wire;
    });
}
/**
 * Confluent's `messages` list: per old version, one `{errorType:…, description:…}` string per
 * difference, then `{oldSchemaVersion: n}` and `{oldSchema: '…'}`; finally `{compatibility: '<LEVEL>'}`.
 * Register's 409 message embeds the same list, so both always carry the same sentences.
 */
export function renderConfluentMessages(violations, level, compared = []) {
    const groups = new Map();
    for (const violation of violations) {
        const group = groups.get(violation.oldVersion);
        if (group === undefined)
            groups.set(violation.oldVersion, [violation]);
        else
            group.push(violation);
    }
    // Under FULL both directions are reported side by side; say which one each difference came from.
    const bothDirections = level === 'FULL' || level === 'FULL_TRANSITIVE';
    const messages = [];
    for (const [version, group] of groups) {
        for (const violation of group) {
            const description = describe(violation, bothDirections);
            messages.push(`{errorType:"${violation.rule}", description:${JSON.stringify(description)}}`);
        }
        if (version === undefined)
            continue;
        messages.push(`{oldSchemaVersion: ${version}}`);
        const old = compared.find((c) => c.version === version);
        if (old !== undefined)
            messages.push(`{oldSchema: '${JSON.stringify(old.schema)}'}`);
    }
    if (level !== undefined)
        messages.push(`{compatibility: '${level}'}`);
    return messages;
}
/** The violation's sentence, made to name its JSON Pointer when the engine's sentence does not already. */
function describe(violation, withDirection) {
    const path = violation.newPath !== '' ? violation.newPath : violation.oldPath;
    const named = [violation.newPath, violation.oldPath].some((p) => p !== '' && violation.message.includes(p));
    const sentence = named || path === '' ? violation.message : `${violation.message.replace(/\.$/, '')} at path '${path}'.`;
    return withDirection && violation.direction !== undefined
        ? `${sentence} (${violation.direction})`
        : sentence;
}
