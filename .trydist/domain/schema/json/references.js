/** References in the order the caller sent them, minus exact duplicates (a repeated name must agree). */
export function dedupeReferences(references) {
    const byName = new Map();
    for (const ref of references) {
        const seen = byName.get(ref.name);
        if (seen === undefined)
            byName.set(ref.name, { name: ref.name, subject: ref.subject, version: ref.version });
        else if (seen.subject !== ref.subject || seen.version !== ref.version) {
            throw new ReferenceConflict(ref.name);
        }
    }
    return [...byName.values()];
}
/** The normalised reference list: de-duplicated and sorted by name, then subject, then version. */
export function sortReferences(references) {
    return dedupeReferences(references).sort((a, b) => compare(a.name, b.name) || compare(a.subject, b.subject) || a.version - b.version);
}
export class ReferenceConflict extends Error {
    referenceName;
    constructor(referenceName) {
        super(`Reference name '${referenceName}' is given twice with different subjects or versions.`);
        this.referenceName = referenceName;
        this.name = 'ReferenceConflict';
    }
}
const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
