import { CliError } from '../command.ts';

/** One statement of a migration script, as the PostgreSQL parser delimits it. */
export interface Statement {
  sql: string;
  /** 1-based line of its first token. */
  line: number;
}

/**
 * Splits a script into its statements with the real PostgreSQL parser (the one lint uses), so that the
 * runner can run them one at a time and name the one that fails.
 */
export async function splitStatements(script: string, file: string): Promise<Statement[]> {
  const { loadSqlParser, parseSql, SqlSource, SqlSyntaxError, statementRange } =
    await import('../../domain/sql/parser.ts');
  await loadSqlParser();
  const source = new SqlSource(script);
  try {
    return parseSql(script).map((stmt) => {
      const { start, end } = statementRange(stmt, source.byteLength);
      return { sql: source.slice(start, end).trim(), line: source.position(start).line };
    });
  } catch (error) {
    if (!(error instanceof SqlSyntaxError)) throw error;
    throw new CliError('failed', `${file}:${error.line}:${error.column}: ${error.message}`);
  }
}
