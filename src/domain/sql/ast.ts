/**
 * Reading libpg-query's AST. A `Node` is an object with exactly one key, the node type; fields equal to
 * their protobuf default are omitted (absent `concurrent` means false, `{"ival": {}}` means 0).
 */
import type { Node, RangeVar } from '@pgsql/types';

/** The node's type name and its fields, e.g. `['ColumnRef', {fields: […]}]`. */
export function unwrap(node: Node | undefined): [string, Record<string, unknown>] | undefined {
  if (node === undefined || node === null) return undefined;
  const [entry] = Object.entries(node);
  return entry === undefined ? undefined : [entry[0], entry[1] as Record<string, unknown>];
}

/** The fields of a node when it has the given type. */
export function as<T>(node: Node | undefined, type: string): T | undefined {
  const entry = unwrap(node);
  return entry !== undefined && entry[0] === type ? (entry[1] as T) : undefined;
}

/** The `sval`s of a list of `String` nodes (qualified names, column lists). */
export function stringsOf(nodes: readonly Node[] | undefined): string[] {
  return (nodes ?? []).map((n) => as<{ sval?: string }>(n, 'String')?.sval ?? '');
}

/** An integer constant (`A_Const` with `ival`, or a bare `Integer`), or undefined. */
export function integerOf(node: Node | undefined): number | undefined {
  const constant = as<{ ival?: { ival?: number } }>(node, 'A_Const');
  if (constant?.ival !== undefined) return constant.ival.ival ?? 0;
  const integer = as<{ ival?: number }>(node, 'Integer');
  return integer === undefined ? undefined : (integer.ival ?? 0);
}

/** `schema.table` as written, with the schema only when given. */
export function relationName(relation: RangeVar | undefined): { schema?: string; table: string } {
  return {
    ...(relation?.schemaname === undefined ? {} : { schema: relation.schemaname }),
    table: relation?.relname ?? '',
  };
}

/** Key identifying a table across statements: unqualified names are taken to be in `public`. */
export function relationKey(relation: RangeVar | undefined): string {
  return `${relation?.schemaname ?? 'public'}.${relation?.relname ?? ''}`;
}
