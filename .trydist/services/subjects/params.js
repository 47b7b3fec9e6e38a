import { DomainError } from "../../domain/errors.js";
const MAX_VERSION = 2_147_483_647;
/** A version path segment: 1…2147483647, or `latest` (any case) / `-1` for the newest version; else 42202. */
export function parseVersionSegment(segment) {
    const text = String(segment);
    if (text === '-1' || text.toLowerCase() === 'latest')
        return 'latest';
    const version = Number(text);
    if (!/^[1-9][0-9]*$/.test(text) || version > MAX_VERSION) {
        throw new DomainError('INVALID_VERSION', `Invalid version '${text}': use 1 to ${MAX_VERSION}, 'latest' or -1.`);
    }
    return version;
}
/** Applies offset/limit (limit -1 = everything) to an already-filtered list. */
export function page(items, offset = 0, limit = -1) {
    return items.slice(offset, limit < 0 ? undefined : offset + limit);
}
