import { eq, inArray, sql } from 'drizzle-orm';
import { modes, subjectVersions } from "../schema.js";
/** The row key of the global mode: an empty subject name can never arrive through the API. */
export const GLOBAL_MODE_KEY = '';
const keyOf = (subject) => subject ?? GLOBAL_MODE_KEY;
/** The mode stored for one subject (`null` = the global row), if any. */
export async function findMode(db, subject) {
    const rows = await db
        .select({ mode: modes.mode })
        .from(modes)
        .where(eq(modes.subject, keyOf(subject)));
    return rows[0]?.mode;
}
/** The subject's own mode and the global mode, read in one round trip. */
export async function findModeChain(db, subject) {
    const keys = subject === null ? [GLOBAL_MODE_KEY] : [subject, GLOBAL_MODE_KEY];
    const rows = await db.select().from(modes).where(inArray(modes.subject, keys));
    return {
        own: subject === null ? undefined : rows.find((r) => r.subject === subject)?.mode,
        global: rows.find((r) => r.subject === GLOBAL_MODE_KEY)?.mode,
    };
}
export async function upsertMode(tx, subject, mode) {
    await tx
        .insert(modes)
        .values({ subject: keyOf(subject), mode })
        .onConflictDoUpdate({ target: modes.subject, set: { mode, updatedAt: sql `now()` } });
}
/** Deletes a mode row and returns the mode it held, or undefined when there was none. */
export async function deleteModeRow(tx, subject) {
    const rows = await tx
        .delete(modes)
        .where(eq(modes.subject, keyOf(subject)))
        .returning({ mode: modes.mode });
    return rows[0]?.mode;
}
/**
 * Whether any version row exists (soft-deleted ones included, since they still hold version numbers),
 * in one subject or, with `null`, in the whole registry. Guards entering IMPORT mode.
 */
export async function hasAnyVersion(db, subject) {
    const query = db.select({ one: sql `1` }).from(subjectVersions);
    const rows = await (subject === null ? query : query.where(eq(subjectVersions.subject, subject))).limit(1);
    return rows.length > 0;
}
