/**
 * The real PostgreSQL parser (libpg-query, WASM), loaded once per process. `loadSqlParser()` must have
 * resolved before the synchronous `parseSql`/`scanSql` are called; the WASM is imported lazily there, so
 * importing this module (or the app) costs nothing.
 */
import type { ParseResult, RawStmt } from '@pgsql/types';
import type { ScanToken } from 'libpg-query';

export type { ScanToken } from 'libpg-query';

interface Library {
  parseSync(text: string): ParseResult;
  scanSync(text: string): { tokens: ScanToken[] };
}

let library: Library | undefined;
let loading: Promise<void> | undefined;

/** Loads the WASM parser; idempotent, and concurrent callers share the one load. */
export function loadSqlParser(): Promise<void> {
  loading ??= import('libpg-query').then(async (lib) => {
    await lib.loadModule();
    library = { parseSync: lib.parseSync, scanSync: lib.scanSync };
  });
  return loading;
}

export function sqlParserLoaded(): boolean {
  return library !== undefined;
}

function loaded(): Library {
  if (library === undefined) throw new Error('The SQL parser is not loaded: await loadSqlParser() first.');
  return library;
}

/** The parser rejected the text; `offset` is a UTF-8 byte offset into it, `line`/`column` are 1-based. */
export class SqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'SqlSyntaxError';
  }
}

/** Parses SQL into statements. Throws SqlSyntaxError naming the position (an empty text has none). */
export function parseSql(text: string): RawStmt[] {
  const nul = text.indexOf('\0');
  if (nul >= 0) throw syntaxError(text, 'NUL characters are not allowed in SQL', characterIndex(text, nul));
  if (text.trim() === '') return [];
  try {
    return loaded().parseSync(text).stmts ?? [];
  } catch (error) {
    const details = (error as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
    if (details === undefined) throw error;
    // cursorPosition counts characters (code points), not bytes or UTF-16 units.
    throw syntaxError(text, details.message ?? String(error), details.cursorPosition ?? 0);
  }
}

/** The lexer's tokens, comments included (`SQL_COMMENT`, `C_COMMENT`); offsets are UTF-8 bytes. */
export function scanSql(text: string): ScanToken[] {
  if (text.trim() === '') return [];
  return loaded().scanSync(text).tokens;
}

/** Byte range of a parsed statement: `stmt_location` is absent for 0, `stmt_len` absent for "to the end". */
export function statementRange(stmt: RawStmt, byteLength: number): { start: number; end: number } {
  const start = stmt.stmt_location ?? 0;
  const len = stmt.stmt_len ?? 0;
  return { start, end: len === 0 ? byteLength : start + len };
}

function syntaxError(text: string, message: string, codePointIndex: number): SqlSyntaxError {
  const source = new SqlSource(text);
  const offset = source.byteOffsetOfCodePoint(codePointIndex);
  const { line, column } = source.position(offset);
  return new SqlSyntaxError(message, offset, line, column);
}

function characterIndex(text: string, utf16Index: number): number {
  return [...text.slice(0, utf16Index)].length;
}

/**
 * A SQL text with the conversions the parser's positions need: libpg-query reports UTF-8 byte offsets, and
 * people read 1-based lines and columns in characters.
 */
export class SqlSource {
  readonly bytes: Buffer;
  private lineStarts: number[] | undefined;

  constructor(readonly text: string) {
    this.bytes = Buffer.from(text, 'utf8');
  }

  get byteLength(): number {
    return this.bytes.length;
  }

  /** The text between two byte offsets. */
  slice(start: number, end: number): string {
    return this.bytes.toString('utf8', start, end);
  }

  /** 1-based line and column (in code points) of a byte offset; offsets past the end clamp to it. */
  position(byteOffset: number): { line: number; column: number } {
    const starts = this.starts();
    const offset = Math.max(0, Math.min(byteOffset, this.bytes.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    const lineStart = starts[low] ?? 0;
    return { line: low + 1, column: [...this.slice(lineStart, offset)].length + 1 };
  }

  /** Byte offset of the code point at `index` (0-based). */
  byteOffsetOfCodePoint(index: number): number {
    let bytes = 0;
    let seen = 0;
    for (const char of this.text) {
      if (seen === index) break;
      bytes += Buffer.byteLength(char, 'utf8');
      seen++;
    }
    return bytes;
  }

  private starts(): number[] {
    if (this.lineStarts === undefined) {
      const starts = [0];
      for (let i = 0; i < this.bytes.length; i++) if (this.bytes[i] === 0x0a) starts.push(i + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}
