/**
 * The canonical TABLE model (migration-rules.md §1): types in format_type() spelling, expressions in one
 * spelling, every column's `nullable` present, defaults omitted, constraint and index arrays sorted by
 * name, column order kept. Equal tables get equal text and so one schema id.
 */
import { canonicalTypeText, parseTypeName, serialBase } from '../../sql/types.ts';
import { canonicalText, fingerprintOf, sortKeys } from '../json/canonical.ts';
import { canonicalConstraints, type ModelContext } from './constraints.ts';
import { expressionAt, identifierAt, invalidAt } from './problems.ts';
import type { TableColumn, TableModel } from './model.ts';

/**
 * Validates a model's meaning and returns its canonical form. Throws DomainError INVALID_SCHEMA naming the
 * field as a JSON Pointer. Needs the SQL parser loaded (types and expressions are parsed).
 */
export function canonicalTableModel(model: TableModel): TableModel {
  identifierAt('/table', model.table);
  const schema = model.schema ?? 'public';
  identifierAt('/schema', schema);
  const enumNames = new Set(
    (model.enums ?? []).flatMap((e) => [e.name, `${e.schema ?? 'public'}.${e.name}`]),
  );
  const seen = new Set<string>();
  const columns = model.columns.map((column, i) => {
    const at = `/columns/${i}`;
    identifierAt(`${at}/name`, column.name);
    if (seen.has(column.name)) throw invalidAt(`${at}/name`, `column "${column.name}" appears twice`);
    seen.add(column.name);
    return canonicalColumn(column, at, enumNames);
  });
  const context: ModelContext = { table: model.table, columns: new Set(seen) };
  const constraints = canonicalConstraints(model, context);
  const keyColumns = new Set(constraints.primaryKey?.columns ?? []);
  const out: TableModel = {
    schema,
    table: model.table,
    columns: columns.map((c) => (keyColumns.has(c.name) ? { ...c, nullable: false } : c)),
    ...constraints,
  };
  if (model.comment !== undefined) out.comment = model.comment;
  return out;
}

/** Canonical text of a canonical model: compact JSON with sorted keys (arrays keep their order). */
export function canonicalTableText(model: TableModel): string {
  return canonicalText(sortKeys(model), false);
}

/** Identity of a TABLE schema, shaped like every other schema's `schemas.fingerprint`. */
export function tableFingerprint(
  model: TableModel,
  extra: { metadata?: unknown; ruleSet?: unknown } = {},
): string {
  return fingerprintOf({
    schemaType: 'TABLE',
    canonical: canonicalTableText(model),
    references: [],
    ...extra,
  });
}

function canonicalColumn(column: TableColumn, at: string, enumNames: ReadonlySet<string>): TableColumn {
  const type = canonicalColumnType(column.type, `${at}/type`, enumNames);
  const out: TableColumn = { name: column.name, type, nullable: column.nullable ?? true };
  const fills = [column.default, column.identity, column.generated].filter(
    (v) => v !== undefined && v !== null,
  );
  if (fills.length > 1) {
    throw invalidAt(at, `column "${column.name}" may have only one of default, identity and generated`);
  }
  if (column.default !== undefined && column.default !== null) {
    out.default = expressionAt(`${at}/default`, column.default);
  }
  if (column.identity !== undefined && column.identity !== null) {
    if (!['smallint', 'integer', 'bigint'].includes(type)) {
      throw invalidAt(
        `${at}/identity`,
        `identity column "${column.name}" must be smallint, integer or bigint`,
      );
    }
    out.identity = column.identity;
    out.nullable = false;
  }
  if (column.generated !== undefined && column.generated !== null) {
    out.generated = {
      expression: expressionAt(`${at}/generated/expression`, column.generated.expression),
      stored: true,
    };
  }
  if (column.deprecated === true) out.deprecated = true;
  if (column.renamedFrom !== undefined) out.renamedFrom = column.renamedFrom;
  if (column.comment !== undefined) out.comment = column.comment;
  return out;
}

function canonicalColumnType(text: string, at: string, enumNames: ReadonlySet<string>): string {
  // A column of an enum the model declares names it exactly as the enum entry does (case-sensitive).
  if (enumNames.has(text)) return text;
  const typeName = parseTypeName(text);
  if (typeName !== undefined && serialBase(typeName) !== undefined) {
    const base = serialBase(typeName);
    throw invalidAt(at, `'${text}' is not a type: write ${base} with an identity or a nextval(…) default`);
  }
  const canonical = canonicalTypeText(text);
  if (canonical === undefined) throw invalidAt(at, `'${text}' is not a PostgreSQL type name`);
  return canonical;
}
