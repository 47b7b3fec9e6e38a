import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { integerOption, type CommandSpec } from './args.ts';
import { usageError } from './command.ts';
import { defineCommand, exitFor } from './define.ts';
import { NO_TRANSACTION } from './migrate/files.ts';
import type { Finding, ReportCase } from './output/report.ts';

const SPEC: CommandSpec = {
  usage: 'schemata lint <files or dirs…> [--postgres-version N] [--assume-transaction]',
  summary: 'Lints migration SQL with the MG rules (the registry’s own lint), offline.',
  description: `Directories are searched for .sql files (not recursively into dot directories). Suppress a finding
with a "-- schemata-ignore MG101: <reason>" comment before its statement; the reason is required.
--format json prints an array of {file, line, column, rule, severity, message}.`,
  options: {
    'postgres-version': {
      type: 'string',
      value: 'N',
      description: 'Target PostgreSQL major version (default: the newest)',
    },
    'assume-transaction': {
      type: 'boolean',
      description:
        'The runner wraps each file in a transaction (unless its first line is -- schemata:no-transaction)',
    },
  },
  positionals: { min: 1, names: 'files or directories to lint' },
  exitCodes: `  0  no finding of error severity
  1  at least one error finding (MG000 for SQL that does not parse)
  2  usage error (a path that does not exist, a bad option)`,
};

export const lint = defineCommand('lint', SPEC, async ({ values, positionals }, context) => {
  const files = positionals.flatMap((path) => sqlFiles(path, context.cwd));
  if (files.length === 0) throw usageError(`no .sql files in ${positionals.join(', ')}`);
  const postgresVersion =
    values['postgres-version'] === undefined ? undefined : integerOption(values, 'postgres-version', 0);
  const assumeTransaction = values['assume-transaction'] === true;
  const { lintRule, lintSqlAsync } = await import('../domain/lint/index.ts');
  const cases: ReportCase[] = [];
  const all: Finding[] = [];
  let suppressed = 0;
  for (const file of files) {
    const sql = readFileSync(resolve(context.cwd, file), 'utf8');
    const transactional =
      assumeTransaction &&
      !sql
        .replace(/^\uFEFF/, '')
        .trimStart()
        .startsWith(NO_TRANSACTION);
    const report = await lintSqlAsync(sql, {
      transactional,
      ...(postgresVersion !== undefined && { postgresVersion }),
    });
    const findings: Finding[] = report.findings.map((f) => ({
      file,
      line: f.line,
      column: f.column,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
    }));
    suppressed += report.suppressed.length;
    all.push(...findings);
    cases.push({ name: file, failed: findings.some((f) => f.severity === 'error'), findings });
  }
  const hints = new Map<string, string>();
  for (const f of all) hints.set(f.rule, lintRule(f.rule)?.hint ?? '');
  const errors = all.filter((f) => f.severity === 'error').length;
  return {
    command: 'schemata lint',
    exitCode: exitFor(errors > 0),
    cases,
    json: all.map(({ file, line, column, rule, severity, message }) => ({
      file,
      line,
      column,
      rule,
      severity,
      message,
    })),
    human: (style) =>
      [
        ...all.map((f) => {
          const mark =
            f.severity === 'error'
              ? style.red('error')
              : f.severity === 'warn'
                ? style.yellow('warn ')
                : style.dim('info ');
          const hint = hints.get(f.rule);
          return `${f.file}:${f.line}:${f.column} ${mark} ${style.bold(f.rule)} ${f.message}${hint ? style.dim(`\n    ${hint}`) : ''}`;
        }),
        `${files.length} file${files.length === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${all.length - errors} other finding${all.length - errors === 1 ? '' : 's'}${suppressed > 0 ? `, ${suppressed} suppressed` : ''}`,
      ].join('\n'),
  };
});

/** A file as given, or a directory's .sql files in name order (as the user would list them). */
function sqlFiles(path: string, cwd: string): string[] {
  const full = resolve(cwd, path);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(full).isDirectory();
  } catch {
    throw usageError(`cannot read ${path}: no such file or directory`);
  }
  if (!isDirectory) return [path];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.sql'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter(
      (file) =>
        !relative(full, file)
          .split(/[\\/]/)
          .some((part) => part.startsWith('.')),
    )
    .map((file) => relative(cwd, file))
    .sort();
}
