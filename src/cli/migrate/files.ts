import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { CliError, usageError } from '../command.ts';

/** A versioned migration as the directory holds it: `V<version>__<description>.sql` and its companions. */
export interface MigrationFile {
  version: string;
  /** Numeric parts with trailing zero parts dropped (`1.0` = `1`), for ordering. */
  key: number[];
  /** Underscores read as spaces, as Flyway reads them. */
  description: string;
  /** File name of the up script. */
  file: string;
  /** The up script's path as the directory was named (for annotations on the repository's files). */
  path: string;
  up: string;
  /** The `U<version>__…` undo script, when there is one. */
  down?: string;
  downFile?: string;
  /** False when the up script's first line is `-- schemata:no-transaction`. */
  transactional: boolean;
  /** sha256 of the normalised up script (migration-rules.md §7). */
  checksum: string;
  /** Queries from `V<version>__<description>.verify.sql`: each passes when it returns no rows. */
  verify: VerifyQuery[];
}

export interface VerifyQuery {
  name: string;
  sql: string;
}

export const NO_TRANSACTION = '-- schemata:no-transaction';
const NAME = /^([VU])(\d+(?:[._]\d+)*)__(.+?)(\.verify)?\.sql$/;

/**
 * The directory's migrations in version order. Every `.sql` file must be named as a versioned, undo or
 * verify script: a misnamed file is refused rather than skipped, and so is a version given twice.
 */
export function readMigrations(dir: string, cwd: string): MigrationFile[] {
  const path = resolve(cwd, dir);
  let names: string[];
  try {
    if (!statSync(path).isDirectory()) throw usageError(`--dir ${dir} is not a directory`);
    names = readdirSync(path)
      .filter((name) => name.toLowerCase().endsWith('.sql'))
      .sort();
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw usageError(`cannot read the migration directory ${dir}`);
  }
  const ups = new Map<string, MigrationFile>();
  const downs = new Map<string, { file: string; text: string }>();
  const verifies = new Map<string, string>();
  const misnamed: string[] = [];
  for (const name of names) {
    const match = NAME.exec(name);
    const [, kind, version = '', description = '', verify] = match ?? [];
    if (match === null || (kind === 'U' && verify !== undefined)) {
      misnamed.push(name);
      continue;
    }
    const text = readFileSync(join(path, name), 'utf8');
    const id = versionKey(version).join('.');
    if (verify !== undefined) verifies.set(id, text);
    else if (kind === 'U') downs.set(id, { file: name, text });
    else if (ups.has(id))
      throw new CliError('failed', `${name}: version ${version} is given twice in ${dir}`);
    else ups.set(id, migration(join(dir, name), version, description, text));
  }
  if (misnamed.length > 0) {
    throw new CliError(
      'failed',
      `misnamed migration files in ${dir}: ${misnamed.join(', ')} (expected V<version>__<description>.sql, U<version>__<description>.sql or V<version>__<description>.verify.sql; version parts separated by dots or single underscores)`,
    );
  }
  for (const [id, down] of downs) {
    const up = ups.get(id);
    if (up === undefined)
      throw new CliError('failed', `${down.file} undoes version ${id}, which has no V file`);
    up.down = down.text;
    up.downFile = down.file;
  }
  for (const [id, text] of verifies) {
    const up = ups.get(id);
    if (up === undefined) throw new CliError('failed', `the verify script for version ${id} has no V file`);
    up.verify = verifyQueries(text);
  }
  return [...ups.values()].sort((a, b) => compareKeys(a.key, b.key));
}

function migration(path: string, version: string, description: string, up: string): MigrationFile {
  return {
    version,
    key: versionKey(version),
    description: description.replaceAll('_', ' '),
    file: basename(path),
    path,
    up,
    transactional: !firstLine(up).startsWith(NO_TRANSACTION),
    checksum: checksumOf(up),
    verify: [],
  };
}

/** Numeric parts of a version, trailing zero parts dropped, so `1.0` and `1` are the same version. */
export function versionKey(version: string): number[] {
  const parts = version.split(/[._]/).map(Number);
  while (parts.length > 1 && parts.at(-1) === 0) parts.pop();
  return parts;
}

export function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Flyway's normalisation (strip a BOM, any line ending → LF, no final newline) hashed with sha256. */
export function checksumOf(text: string): string {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  return createHash('sha256').update(lines.join('\n'), 'utf8').digest('hex');
}

function firstLine(text: string): string {
  return (text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? '').trim();
}

/**
 * A verify script's queries: each starts at a `-- verify: <name>` line and runs to the next one; text
 * before the first such line is one query named after its position.
 */
export function verifyQueries(text: string): VerifyQuery[] {
  const queries: VerifyQuery[] = [];
  let name: string | undefined;
  let body: string[] = [];
  const flush = () => {
    const sql = body.join('\n').trim().replace(/;\s*$/, '');
    if (sql !== '') queries.push({ name: name ?? `query ${queries.length + 1}`, sql });
    body = [];
  };
  for (const line of text.split(/\r\n|\r|\n/)) {
    const header = /^\s*--\s*verify:\s*(.+?)\s*$/.exec(line);
    if (header !== null) {
      flush();
      name = header[1];
    } else body.push(line);
  }
  flush();
  return queries;
}
