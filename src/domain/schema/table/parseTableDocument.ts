/**
 * Reads a TABLE schema as registered: the JSON model of migration-rules.md §1, or one CREATE TABLE
 * statement. Either way the result is the canonical model, so both spellings of a table share one id.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { DomainError } from '../../errors.ts';
import { canonicalTableModel } from './canonical.ts';
import { tableModelFromSql } from './fromSql.ts';
import type { TableModel } from './model.ts';
import { TABLE_MODEL_JSON_SCHEMA } from './modelSchema.ts';

let validateShape: ValidateFunction | undefined;

/**
 * The canonical model of a TABLE document. Throws DomainError INVALID_SCHEMA naming the field (JSON) or
 * the line and column (SQL). Needs the SQL parser loaded (`loadSqlParser()`).
 */
export function parseTableDocument(text: string): TableModel {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{')) return canonicalTableModel(tableModelFromSql(text));
  let doc: unknown;
  try {
    doc = JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof SyntaxError ? `: ${error.message}` : '';
    throw new DomainError('INVALID_SCHEMA', `The TABLE schema is not valid JSON${detail}.`);
  }
  validateShape ??= new Ajv2020({ strict: false, allErrors: false }).compile(TABLE_MODEL_JSON_SCHEMA);
  if (!validateShape(doc)) throw shapeError(validateShape.errors?.[0]);
  return canonicalTableModel(doc as TableModel);
}

function shapeError(error: ErrorObject | undefined): DomainError {
  const at = error?.instancePath === '' || error === undefined ? '/' : error.instancePath;
  const extra = (error?.params as { additionalProperty?: unknown } | undefined)?.additionalProperty;
  const problem =
    typeof extra === 'string'
      ? `unknown field '${extra}'`
      : (error?.message ?? 'does not match the TABLE model');
  return new DomainError('INVALID_SCHEMA', `Invalid TABLE schema at ${at}: ${problem}.`);
}
