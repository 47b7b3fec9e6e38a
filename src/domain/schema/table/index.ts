/** The TABLE schema type: its document, canonical form and identity (migration-rules.md §1). */
export type * from './model.ts';
export { parseTableDocument } from './parseTableDocument.ts';
export { canonicalTableModel, canonicalTableText, tableFingerprint } from './canonical.ts';
export { tableModelFromSql } from './fromSql.ts';
export { TABLE_MODEL_JSON_SCHEMA } from './modelSchema.ts';
export { MAX_IDENTIFIER_BYTES } from './problems.ts';
