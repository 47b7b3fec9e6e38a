/**
 * SQL expression text in one spelling (defaults, CHECKs, generated columns, index predicates), printed from
 * the parse tree by pgsql-deparser: `status<>'done'` and `status <> 'done'` are the same expression.
 */
import type { Node } from '@pgsql/types';
import { deparseSync } from 'pgsql-deparser';
import { as } from './ast.ts';
import { parseSql } from './parser.ts';

/** The canonical text of a parsed expression. */
export function expressionText(node: Node): string {
  return deparseSync(node, { pretty: false }).trim();
}

/**
 * Canonicalises an expression written as text; undefined when the text is not exactly one expression
 * (a second statement, a FROM clause, a comment hiding the rest). Needs the parser loaded.
 */
export function canonicalExpressionText(text: string): string | undefined {
  const node = parseExpression(text);
  return node === undefined ? undefined : expressionText(node);
}

/** Parses an expression written as text; undefined unless it is exactly one. Needs the parser loaded. */
export function parseExpression(text: string): Node | undefined {
  if (text.trim() === '' || /--|\/\*/.test(text)) return undefined;
  let stmts;
  try {
    stmts = parseSql(`SELECT (${text})`);
  } catch {
    return undefined;
  }
  if (stmts.length !== 1) return undefined;
  const select = as<Record<string, unknown>>(stmts[0]?.stmt, 'SelectStmt');
  if (select === undefined || Object.keys(select).some((k) => !SELECT_KEYS.has(k))) return undefined;
  const targets = select['targetList'] as Node[] | undefined;
  if (targets?.length !== 1) return undefined;
  const target = as<{ val?: Node; name?: string }>(targets[0], 'ResTarget');
  return target?.name === undefined ? target?.val : undefined;
}

const SELECT_KEYS = new Set(['targetList', 'limitOption', 'op']);
