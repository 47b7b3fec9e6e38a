import { eq, inArray, sql } from 'drizzle-orm';
import { configs } from "../schema.js";
/** The row key of the global config: an empty subject name can never arrive through the API. */
export const GLOBAL_CONFIG_KEY = '';
const columns = {
    compatibilityLevel: configs.compatibilityLevel,
    compatibilityPolicy: configs.compatibilityPolicy,
    normalize: configs.normalize,
};
const keyOf = (subject) => subject ?? GLOBAL_CONFIG_KEY;
/** The config stored for one subject (`null` = the global row), if any. */
export async function findConfig(db, subject) {
    const rows = await db
        .select(columns)
        .from(configs)
        .where(eq(configs.subject, keyOf(subject)));
    return rows[0];
}
/** The subject's own row and the global row, read in one round trip. */
export async function findConfigChain(db, subject) {
    const keys = subject === null ? [GLOBAL_CONFIG_KEY] : [subject, GLOBAL_CONFIG_KEY];
    const rows = await db
        .select({ subject: configs.subject, ...columns })
        .from(configs)
        .where(inArray(configs.subject, keys));
    const pick = (key) => {
        const row = rows.find((r) => r.subject === key);
        return row === undefined
            ? undefined
            : {
                compatibilityLevel: row.compatibilityLevel,
                compatibilityPolicy: row.compatibilityPolicy,
                normalize: row.normalize,
            };
    };
    return { own: subject === null ? undefined : pick(subject), global: pick(GLOBAL_CONFIG_KEY) };
}
/** Inserts or partially updates a config row in one statement and returns the row as stored. */
export async function upsertConfig(tx, subject, patch) {
    const rows = await tx
        .insert(configs)
        .values({ subject: keyOf(subject), ...patch })
        .onConflictDoUpdate({ target: configs.subject, set: { ...patch, updatedAt: sql `now()` } })
        .returning(columns);
    const row = rows[0];
    if (row === undefined)
        throw new Error('config upsert returned no row');
    return row;
}
/** Deletes a config row and returns what it held, or undefined when there was none. */
export async function deleteConfigRow(tx, subject) {
    const rows = await tx
        .delete(configs)
        .where(eq(configs.subject, keyOf(subject)))
        .returning(columns);
    return rows[0];
}
