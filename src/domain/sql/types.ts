/**
 * One spelling for PostgreSQL types: what `format_type()` prints (`integer`, `character varying(64)`,
 * `timestamp(3) with time zone`, `text[]`). The TABLE model, lint rule MG401 and the catalog's
 * introspection all go through `canonicalType`, so a type compares equal however it was written.
 */
import type { Node, TypeName } from '@pgsql/types';
import { as, integerOf, stringsOf } from './ast.ts';
import { parseSql } from './parser.ts';

/** Internal (pg_catalog) names and the bare aliases the grammar leaves alone → format_type() names. */
const CANONICAL_NAMES: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  varchar: 'character varying',
  bpchar: 'character',
  varbit: 'bit varying',
  numeric: 'numeric',
  decimal: 'numeric',
  timestamp: 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  time: 'time without time zone',
  timetz: 'time with time zone',
  char: '"char"',
};

/** `serial` and friends are not types but shorthand for an integer column with a sequence default. */
const SERIALS: Record<string, 'smallint' | 'integer' | 'bigint'> = {
  smallserial: 'smallint',
  serial2: 'smallint',
  serial: 'integer',
  serial4: 'integer',
  bigserial: 'bigint',
  serial8: 'bigint',
};

/** Interval field masks (PostgreSQL's INTERVAL_MASK bits) → the fields clause format_type() prints. */
const INTERVAL_FIELDS: Record<number, string> = {
  4: 'year',
  2: 'month',
  8: 'day',
  1024: 'hour',
  2048: 'minute',
  4096: 'second',
  6: 'year to month',
  1032: 'day to hour',
  3080: 'day to minute',
  7176: 'day to second',
  3072: 'hour to minute',
  7168: 'hour to second',
  6144: 'minute to second',
};
const INTERVAL_FULL_RANGE = 0x7fff;

/** The integer type behind `serial`, `bigserial`, `smallserial` (and serial2/4/8); undefined otherwise. */
export function serialBase(typeName: TypeName): 'smallint' | 'integer' | 'bigint' | undefined {
  const names = stringsOf(typeName.names);
  return names.length === 1 ? SERIALS[names[0] ?? ''] : undefined;
}

/** The format_type() spelling of a parsed type name. `serial` types give their integer type. */
export function canonicalType(typeName: TypeName): string {
  const names = stringsOf(typeName.names);
  const qualified = names.length > 1 && names[0] !== 'pg_catalog';
  const last = names[names.length - 1] ?? '';
  const base = qualified
    ? names.map(quoteIdentifier).join('.')
    : (SERIALS[last] ?? CANONICAL_NAMES[last] ?? quoteIdentifier(last));
  const array = (typeName.arrayBounds ?? []).length > 0 ? '[]' : '';
  return withModifiers(base, typeName.typmods ?? []) + array;
}

/**
 * Canonicalises a type written as text (`varchar(64)`, `timestamptz`, `int[]`); undefined when the text is
 * not exactly one type name. Needs the parser loaded.
 */
export function canonicalTypeText(text: string): string | undefined {
  const typeName = parseTypeName(text);
  return typeName === undefined ? undefined : canonicalType(typeName);
}

/** Parses a type written as text; undefined unless it is exactly one type name. Needs the parser loaded. */
export function parseTypeName(text: string): TypeName | undefined {
  if (text.trim() === '' || /--|\/\*|;/.test(text)) return undefined;
  let stmts;
  try {
    stmts = parseSql(`SELECT CAST(NULL AS ${text})`);
  } catch {
    return undefined;
  }
  if (stmts.length !== 1) return undefined;
  const select = as<Record<string, unknown>>(stmts[0]?.stmt, 'SelectStmt');
  if (select === undefined || Object.keys(select).some((k) => !SELECT_KEYS.has(k))) return undefined;
  const targets = select['targetList'] as Node[] | undefined;
  if (targets?.length !== 1) return undefined;
  const target = as<{ val?: Node; name?: string }>(targets[0], 'ResTarget');
  const cast = as<{ arg?: Node; typeName?: TypeName }>(target?.val, 'TypeCast');
  const arg = as<{ isnull?: boolean }>(cast?.arg, 'A_Const');
  if (target?.name !== undefined || arg?.isnull !== true || cast?.typeName === undefined) return undefined;
  if (cast.typeName.setof === true || cast.typeName.pct_type === true) return undefined;
  return cast.typeName;
}

const SELECT_KEYS = new Set(['targetList', 'limitOption', 'op']);

function withModifiers(base: string, typmods: readonly Node[]): string {
  if (typmods.length === 0) return base;
  const values = typmods.map(integerOf);
  const [first, second] = values;
  switch (base) {
    case 'numeric':
      return second === undefined ? `numeric(${first},0)` : `numeric(${first},${second})`;
    case 'timestamp without time zone':
    case 'timestamp with time zone':
    case 'time without time zone':
    case 'time with time zone': {
      const [word, ...zone] = base.split(' ');
      return `${word}(${first}) ${zone.join(' ')}`;
    }
    case 'interval': {
      const fields = first === undefined || first === INTERVAL_FULL_RANGE ? '' : INTERVAL_FIELDS[first];
      const head = fields ? `interval ${fields}` : 'interval';
      return second === undefined ? head : `${head}(${second})`;
    }
    default:
      return `${base}(${typmods.map(modifierText).join(',')})`;
  }
}

/** A type modifier as format_type() would print it: integers, identifiers (PostGIS `Point`) or strings. */
function modifierText(node: Node): string {
  const integer = integerOf(node);
  if (integer !== undefined) return String(integer);
  const ref = as<{ fields?: Node[] }>(node, 'ColumnRef');
  if (ref !== undefined) return stringsOf(ref.fields).join('.');
  const constant = as<{ sval?: { sval?: string } }>(node, 'A_Const');
  return `'${(constant?.sval?.sval ?? '').replaceAll("'", "''")}'`;
}

/** Quotes an identifier the way PostgreSQL prints it: only when it is not a plain lower-case name. */
export function quoteIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}
