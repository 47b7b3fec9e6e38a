import { DomainError } from "../../domain/errors.js";
import { readEffectiveMode } from "../mode/readEffectiveMode.js";
/** Subject names: non-empty, no control characters (the router enforces the same on paths). */
export function assertValidSubject(subject) {
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    if (subject === '' || /[\u0000-\u001f\u007f]/.test(subject)) {
        throw new DomainError('INVALID_SUBJECT', `Invalid subject name ${JSON.stringify(subject)}.`);
    }
}
/** The subject's effective mode, refusing writes in READONLY and READONLY_OVERRIDE (42205). */
export async function assertWritable(db, subject, action) {
    const mode = await readEffectiveMode(db, subject);
    refuseReadOnly(subject, mode, action);
    return mode;
}
/** 42205 when `mode` refuses writes. */
export function refuseReadOnly(subject, mode, action) {
    if (mode === 'READONLY' || mode === 'READONLY_OVERRIDE') {
        throw new DomainError('OPERATION_NOT_PERMITTED', `Subject '${subject}' is in ${mode} mode; cannot ${action}.`);
    }
}
