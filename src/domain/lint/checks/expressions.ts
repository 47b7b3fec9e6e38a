/** What the lint rules read from expressions: volatile calls in defaults, `c IS NOT NULL` checks. */
import type { FuncCall, Node, NullTest } from '@pgsql/types';
import { as, stringsOf } from '../../sql/ast.ts';

/**
 * Functions whose value changes per row, so a default calling them is evaluated for every existing row
 * (a rewrite). `now()` and `current_timestamp` are stable: one value per statement, no rewrite.
 */
const VOLATILE = new Set([
  'random',
  'gen_random_uuid',
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'uuidv4',
  'uuidv7',
  'clock_timestamp',
  'timeofday',
  'nextval',
  'setval',
  'txid_current',
  'random_normal',
]);

/** The first volatile function an expression calls, or undefined. */
export function volatileCall(node: Node): string | undefined {
  let found: string | undefined;
  visit(node, (n) => {
    const call = as<FuncCall>(n, 'FuncCall');
    const name = call === undefined ? undefined : stringsOf(call.funcname).at(-1);
    if (found === undefined && name !== undefined && VOLATILE.has(name)) found = name;
  });
  return found;
}

/** The column of a `CHECK (c IS NOT NULL)`, or undefined for any other expression. */
export function notNullCheckColumn(node: Node): string | undefined {
  const test = as<NullTest>(node, 'NullTest');
  if (test?.nulltesttype !== 'IS_NOT_NULL') return undefined;
  const ref = as<{ fields?: Node[] }>(test.arg, 'ColumnRef');
  return ref === undefined ? undefined : stringsOf(ref.fields).at(-1);
}

/** Calls `fn` on every node of the tree, depth first. */
export function visit(node: unknown, fn: (node: Node) => void): void {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const item of node) visit(item, fn);
    return;
  }
  const entries = Object.entries(node);
  const [first] = entries;
  // A Node is a one-key object whose key is a capitalised type name.
  if (entries.length === 1 && first !== undefined && /^[A-Z]/.test(first[0])) fn(node as Node);
  for (const [, value] of entries) visit(value, fn);
}
