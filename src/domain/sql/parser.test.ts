import { describe, expect, it } from 'vitest';
import { loadSqlParser, parseSql, scanSql, SqlSource, SqlSyntaxError, statementRange } from './parser.ts';

describe('the SQL parser', () => {
  it('loads once however many callers wait for it', async () => {
    const loads = [loadSqlParser(), loadSqlParser()];
    expect(loads[0]).toBe(loads[1]);
    await Promise.all(loads);
  });

  it('parses statements with byte ranges that slice the text', async () => {
    await loadSqlParser();
    const text = "-- café\nSELECT 'é';\n\nCREATE TABLE t (a int)";
    const source = new SqlSource(text);
    const stmts = parseSql(text);
    expect(stmts).toHaveLength(2);
    const ranges = stmts.map((s) => statementRange(s, source.byteLength));
    expect(ranges.map((r) => source.slice(r.start, r.end))).toEqual(["SELECT 'é'", 'CREATE TABLE t (a int)']);
    expect(source.position(ranges[1]?.start ?? -1)).toEqual({ line: 4, column: 1 });
  });

  it('treats an empty or blank text as no statements', async () => {
    await loadSqlParser();
    expect(parseSql('')).toEqual([]);
    expect(parseSql('  \n')).toEqual([]);
    expect(scanSql('')).toEqual([]);
  });

  it('reports a syntax error at its line and column, counting characters rather than bytes', async () => {
    await loadSqlParser();
    const text = "SELECT 1;\nSELECT 'ééé€😀' FROM t WHERE;";
    const error = (() => {
      try {
        parseSql(text);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(SqlSyntaxError);
    const syntax = error as SqlSyntaxError;
    expect(syntax.message).toContain('syntax error');
    expect({ line: syntax.line, column: syntax.column }).toEqual({ line: 2, column: 28 });
    expect(new SqlSource(text).slice(syntax.offset, syntax.offset + 1)).toBe(';');
  });

  it('refuses NUL characters, naming where', async () => {
    await loadSqlParser();
    expect(() => parseSql('SELECT 1;\n SELECT\0 2')).toThrow(/NUL/);
  });

  it('scans comments as tokens with byte offsets', async () => {
    await loadSqlParser();
    const text = '-- é note\nSELECT 1';
    const comment = scanSql(text).find((t) => t.tokenName === 'SQL_COMMENT');
    expect(comment).toBeDefined();
    expect(new SqlSource(text).slice(comment?.start ?? 0, comment?.end ?? 0)).toBe('-- é note');
  });
});
