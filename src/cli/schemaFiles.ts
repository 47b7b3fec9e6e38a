import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import type { ComparableSchema, ExistingVersion } from '../domain/compatibility/index.ts';
import { DomainError } from '../domain/errors.ts';
import type { TableModel } from '../domain/schema/table/model.ts';
import { CliError, usageError } from './command.ts';

export type SchemaType = 'JSON' | 'TABLE';
export const SCHEMA_TYPES: readonly SchemaType[] = ['JSON', 'TABLE'];

/** A schema file as read from disk: what the registry would be sent. */
export interface SchemaFile {
  /** As the user named it (relative to the working directory when possible), for messages and annotations. */
  path: string;
  type: SchemaType;
  text: string;
  /** The registered version it is, when it came from the registry (else its place in the history). */
  version?: number;
}

/** Reads a schema file; its type is `type`, else `.sql` → TABLE, a JSON table model → TABLE, else JSON. */
export function readSchemaFile(path: string, cwd: string, type?: SchemaType): SchemaFile {
  const text = readText(path, cwd);
  return { path: shown(path, cwd), type: type ?? detectType(path, text), text };
}

/**
 * A version history: a directory's schema files in name order (oldest first), or one file. Version
 * numbers count from 1 in that order.
 */
export function readHistory(path: string, cwd: string, type?: SchemaType): SchemaFile[] {
  const full = resolve(cwd, path);
  if (!isDirectory(full)) return [readSchemaFile(path, cwd, type)];
  const names = readdirSync(full)
    .filter((name) => ['.json', '.sql'].includes(extname(name).toLowerCase()))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (names.length === 0) throw usageError(`${path} holds no .json or .sql schema files`);
  return names.map((name) => readSchemaFile(join(path, name), cwd, type));
}

/** The schema as the compatibility engine sees it, parsed exactly as registration parses it. */
export async function comparableOf(
  file: SchemaFile,
  references: ReadonlyMap<string, unknown> = new Map(),
): Promise<ComparableSchema> {
  if (file.type !== 'JSON') throw new Error(`${file.path} is a TABLE schema: use tableModelOf`);
  const { parseSchema } = await import('../domain/schema/json/parseSchema.ts');
  try {
    return parseSchema({ schemaType: 'JSON', schema: file.text }, references, { normalize: false });
  } catch (error) {
    throw invalidSchema(file, error);
  }
}

/** A TABLE file (JSON model or one CREATE TABLE statement) as its canonical model, as registration reads it. */
export async function tableModelOf(file: SchemaFile): Promise<TableModel> {
  const [{ loadSqlParser }, { parseTableDocument }] = await Promise.all([
    import('../domain/sql/parser.ts'),
    import('../domain/schema/table/index.ts'),
  ]);
  await loadSqlParser();
  try {
    return parseTableDocument(file.text);
  } catch (error) {
    throw invalidSchema(file, error);
  }
}

/** JSON files as registered versions, newest first (the engine's order), numbered from 1 oldest first. */
export async function versionsOf(history: readonly SchemaFile[]): Promise<ExistingVersion[]> {
  const versions: ExistingVersion[] = [];
  for (const [index, file] of history.entries()) {
    versions.push({ ...(await comparableOf(file)), version: file.version ?? index + 1 });
  }
  return versions.reverse();
}

/** TABLE files as registered versions, newest first. */
export async function tableVersionsOf(
  history: readonly SchemaFile[],
): Promise<{ version: number; model: TableModel }[]> {
  const versions = [];
  for (const [index, file] of history.entries())
    versions.push({ version: file.version ?? index + 1, model: await tableModelOf(file) });
  return versions.reverse();
}

/** A schema that does not parse is a failed check (exit 1), named by file. */
export function invalidSchema(file: SchemaFile, error: unknown): unknown {
  if (error instanceof DomainError) return new CliError('failed', `${file.path}: ${error.message}`);
  return error;
}

function detectType(path: string, text: string): SchemaType {
  if (extname(path).toLowerCase() === '.sql') return 'TABLE';
  try {
    const doc: unknown = JSON.parse(text);
    if (typeof doc === 'object' && doc !== null && 'table' in doc && 'columns' in doc) {
      const { table, columns } = doc as { table: unknown; columns: unknown };
      if (typeof table === 'string' && Array.isArray(columns)) return 'TABLE';
    }
  } catch {
    // Not JSON: registration reports it as an invalid JSON Schema.
  }
  return 'JSON';
}

function readText(path: string, cwd: string): string {
  try {
    return readFileSync(resolve(cwd, path), 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code);
    throw usageError(`cannot read ${path}: ${why}`);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function shown(path: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, path));
  return rel.startsWith('..') ? path : rel;
}
