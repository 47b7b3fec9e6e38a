import { requiredOption, stringOption, type CommandSpec } from '../args.ts';
import { defineCommand, exitFor } from '../define.ts';
import type { Finding } from '../output/report.ts';
import { CATALOG_OPTIONS, catalogClient, TARGET_OPTIONS } from './options.ts';
import { compareKeys, readMigrations, versionKey, type MigrationFile } from './files.ts';
import { TargetDatabase, type HistoryRow } from './target.ts';

const SPEC: CommandSpec = {
  usage: 'schemata migrate status --catalog C --dir D [--env E] [--database-url URL]',
  summary:
    'Compares the directory, the catalog and the database: drift, out of order, missing, pending, lag.',
  description: `With --database-url, the database's own history is compared with the files; with --env, the
catalog's state of that environment (its findings and the schema_version the service reports).`,
  options: { ...CATALOG_OPTIONS, env: TARGET_OPTIONS.env, 'database-url': TARGET_OPTIONS['database-url'] },
  positionals: { min: 0, max: 0, names: '' },
  registry: true,
  exitCodes: `  0  consistent (pending migrations and a lagging schema_version are reported, not failures)
  1  checksum drift, out of order or a missing migration
  2  usage or configuration error
  3  registry unreachable or credentials refused`,
};

interface EnvironmentState {
  schemaVersion?: string | null;
  schema_version?: string | null;
  findings?: { rule: string; message: string; severity?: string }[];
}

export const status = defineCommand('migrate status', SPEC, async ({ values }, context) => {
  const dir = requiredOption(values, 'dir');
  const migrations = readMigrations(dir, context.cwd);
  const catalog = catalogClient(values, context);
  const findings: Finding[] = [];
  const add = (rule: string, severity: Finding['severity'], message: string, file?: string) =>
    findings.push({ rule, severity, message, ...(file !== undefined && { file }) });

  const stored = await catalog.list();
  const storedByKey = new Map(stored.map((m) => [versionKey(m.version).join('.'), m]));
  for (const m of migrations) {
    const entry = storedByKey.get(m.key.join('.'));
    if (entry === undefined) add('PENDING', 'info', `V${m.version} is not in the catalog yet`, m.path);
    else if (entry.checksum !== undefined && entry.checksum.trim() !== m.checksum) {
      add('CT001', 'error', `V${m.version} differs from the catalog's copy (checksum drift)`, m.path);
    }
  }
  const local = new Set(migrations.map((m) => m.key.join('.')));
  for (const m of stored) {
    if (!local.has(versionKey(m.version).join('.')))
      add('CT003', 'error', `V${m.version} is in the catalog but not in ${dir}`);
  }

  const url = stringOption(values, 'database-url') ?? context.env['DATABASE_URL'];
  let history: HistoryRow[] | undefined;
  if (url !== undefined && url !== '') {
    history = await readHistory(url, catalog.catalog);
    databaseFindings(migrations, history, dir, add);
  }
  const environment = stringOption(values, 'env');
  let reported: string | null | undefined;
  if (environment !== undefined) {
    const state = (await catalog.environment(environment)) as EnvironmentState;
    reported = state.schemaVersion ?? state.schema_version ?? null;
    for (const f of state.findings ?? [])
      add(
        f.rule,
        f.severity === 'warn' || f.severity === 'info' ? f.severity : 'error',
        `${environment}: ${f.message}`,
      );
    const newest = newestApplied(migrations, history);
    if (newest !== undefined && reported !== null && compareKeys(versionKey(reported), newest.key) < 0) {
      add(
        'SCHEMA_VERSION_LAGS',
        'warn',
        `${environment} reports schema_version ${reported}, behind V${newest.version}`,
      );
    }
  }
  const failed = findings.some((f) => f.severity === 'error');
  return {
    command: 'schemata migrate status',
    exitCode: exitFor(failed),
    cases: [{ name: catalog.catalog, failed, findings }],
    json: {
      catalog: catalog.catalog,
      files: migrations.length,
      stored: stored.length,
      applied: history?.map((h) => h.version) ?? null,
      reportedSchemaVersion: reported ?? null,
      findings,
    },
    human: (style) =>
      [
        `${catalog.catalog}: ${migrations.length} files, ${stored.length} in the catalog${history === undefined ? '' : `, ${history.length} applied to the database`}${reported ? `, reported schema_version ${reported}` : ''}`,
        ...findings.map(
          (f) =>
            `  ${f.severity === 'error' ? style.red('✗') : f.severity === 'warn' ? style.yellow('!') : style.dim('·')} ${style.bold(f.rule)} ${f.message}`,
        ),
        failed ? style.red('inconsistent') : style.green('consistent'),
      ].join('\n'),
  };
});

async function readHistory(url: string, catalog: string): Promise<HistoryRow[]> {
  const db = await TargetDatabase.connect(url);
  try {
    return await db.history(catalog);
  } finally {
    await db.close();
  }
}

function databaseFindings(
  migrations: readonly MigrationFile[],
  history: readonly HistoryRow[],
  dir: string,
  add: (rule: string, severity: Finding['severity'], message: string, file?: string) => void,
): void {
  const byKey = new Map(migrations.map((m) => [m.key.join('.'), m]));
  const applied = new Set<string>();
  let newest: number[] | undefined;
  for (const row of history) {
    const key = versionKey(row.version);
    applied.add(key.join('.'));
    if (newest === undefined || compareKeys(key, newest) > 0) newest = key;
    const file = byKey.get(key.join('.'));
    if (file === undefined)
      add('CT003', 'error', `V${row.version} is applied to the database but missing from ${dir}`);
    else if (file.checksum !== row.checksum.trim())
      add(
        'CT001',
        'error',
        `V${row.version} was applied with another checksum (the file changed since)`,
        file.path,
      );
  }
  for (const m of migrations) {
    if (applied.has(m.key.join('.'))) continue;
    if (newest !== undefined && compareKeys(m.key, newest) < 0)
      add(
        'CT002',
        'error',
        `V${m.version} is pending but older than V${newest.join('.')} applied to the database`,
        m.path,
      );
    else add('PENDING', 'info', `V${m.version} is not applied to the database yet`, m.path);
  }
}

function newestApplied(
  migrations: readonly MigrationFile[],
  history: readonly HistoryRow[] | undefined,
): MigrationFile | undefined {
  if (history === undefined) return undefined;
  const applied = new Set(history.map((h) => versionKey(h.version).join('.')));
  return migrations.filter((m) => applied.has(m.key.join('.'))).at(-1);
}
