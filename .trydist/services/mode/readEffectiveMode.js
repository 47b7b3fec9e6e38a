import { findModeChain } from "../../db/repositories/modes.js";
import { DomainError } from "../../domain/errors.js";
export const MODES = ['READWRITE', 'READONLY', 'READONLY_OVERRIDE', 'IMPORT'];
export const DEFAULT_MODE = 'READWRITE';
/** A mode in any case → its upper-case name; anything else is 42204. */
export function parseMode(raw) {
    const mode = raw.trim().toUpperCase();
    const known = MODES.find((m) => m === mode);
    if (known === undefined) {
        throw new DomainError('INVALID_MODE', `Invalid mode '${raw}'; valid modes are ${MODES.join(', ')}.`);
    }
    return known;
}
export function storedMode(value) {
    return MODES.find((m) => m === value);
}
/**
 * The mode that governs writes to `subject` (`null` = global): subject mode → global mode → READWRITE.
 * A global READONLY_OVERRIDE wins over any subject mode, which is what the OVERRIDE means (as in Confluent).
 */
export async function readEffectiveMode(db, subject) {
    const { own, global } = await findModeChain(db, subject);
    return effectiveMode(own, global);
}
/** The rule of `readEffectiveMode` over rows already read. */
export function effectiveMode(own, global) {
    const globalMode = storedMode(global);
    if (globalMode === 'READONLY_OVERRIDE')
        return globalMode;
    return storedMode(own) ?? globalMode ?? DEFAULT_MODE;
}
