import { COMPATIBILITY_LEVELS, } from "../../domain/compatibility/index.js";
import { DomainError } from "../../domain/errors.js";
export const COMPATIBILITY_POLICIES = ['STRICT', 'LENIENT'];
export const DEFAULT_POLICY = 'STRICT';
/** A level in any case → its upper-case name; anything else is 42203. */
export function parseLevel(raw) {
    const level = raw.trim().toUpperCase();
    const known = COMPATIBILITY_LEVELS.find((l) => l === level);
    if (known === undefined) {
        throw new DomainError('INVALID_COMPATIBILITY', `Invalid compatibility level '${raw}'; valid levels are ${COMPATIBILITY_LEVELS.join(', ')}.`);
    }
    return known;
}
/** A policy in any case → STRICT or LENIENT; anything else is 42203. */
export function parsePolicy(raw) {
    const policy = raw.trim().toUpperCase();
    const known = COMPATIBILITY_POLICIES.find((p) => p === policy);
    if (known === undefined) {
        throw new DomainError('INVALID_COMPATIBILITY', `Invalid compatibility policy '${raw}'; valid policies are ${COMPATIBILITY_POLICIES.join(', ')}.`);
    }
    return known;
}
/** A stored level, trusted only if it is still a known one (rows are validated on write). */
export function storedLevel(value) {
    return COMPATIBILITY_LEVELS.find((l) => l === value);
}
export function storedPolicy(value) {
    return COMPATIBILITY_POLICIES.find((p) => p === value);
}
/**
 * The read form of a stored row. A row may set only a policy or normalize; its level is then the one
 * it inherits, because `compatibilityLevel` is always present in the read form.
 */
export function toReadForm(row, inheritedLevel) {
    const form = { compatibilityLevel: storedLevel(row.compatibilityLevel) ?? inheritedLevel };
    const policy = storedPolicy(row.compatibilityPolicy);
    if (policy !== undefined)
        form.compatibilityPolicy = policy;
    if (row.normalize !== null)
        form.normalize = row.normalize;
    return form;
}
