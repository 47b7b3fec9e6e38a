import { CliError } from '../command.ts';

/** One statement of a migration script, as the PostgreSQL parser delimits it. */
export interface Statement {
  sql: string;
  /** 1-based line of its first token. */
  line: number;
}

/**
 * Splits a script into its statements with the real PostgreSQL parser (libpg-query), so that the runner
 * can run them one at a time and name the one that fails. Offsets are UTF-8 bytes (migration-rules.md §8).
 */
export async function splitStatements(script: string, file: string): Promise<Statement[]> {
  const { loadModule, parseSync } = await import('libpg-query');
  await loadModule();
  let parsed: ReturnType<typeof parseSync>;
  try {
    parsed = parseSync(script);
  } catch (error) {
    const position = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails?.cursorPosition;
    const line = position === undefined ? '' : `:${script.slice(0, position).split('\n').length}`;
    throw new CliError('failed', `${file}${line}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const bytes = Buffer.from(script, 'utf8');
  return (parsed.stmts ?? []).map((entry) => {
    const start = entry.stmt_location ?? 0;
    const end = entry.stmt_len === undefined || entry.stmt_len === 0 ? bytes.length : start + entry.stmt_len;
    const before = bytes.subarray(0, start).toString('utf8');
    return { sql: bytes.subarray(start, end).toString('utf8').trim(), line: before.split('\n').length };
  });
}
