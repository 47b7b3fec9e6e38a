import { requiredOption, stringOption, type CommandSpec } from '../args.ts';
import { usageError } from '../command.ts';
import { defineCommand, exitFor } from '../define.ts';
import type { ReportCase } from '../output/report.ts';
import { verifyFinding } from './apply.ts';
import { readMigrations, versionKey } from './files.ts';
import { CATALOG_OPTIONS, databaseUrl, timeouts, TARGET_OPTIONS } from './options.ts';
import { TargetDatabase, type VerifyResult } from './target.ts';

const SPEC: CommandSpec = {
  usage: 'schemata migrate verify --catalog C --dir D --database-url URL [--version V]',
  summary:
    "Runs the verify queries of the applied migrations (or of one version) against the service's database.",
  description: `For the dual-write phase: a verify query selects the rows that differ between the old and the new
structure, so every row it returns is drift. Queries come from V<version>__<description>.verify.sql, each
under a "-- verify: <name>" line; they run read-only.`,
  options: {
    catalog: CATALOG_OPTIONS.catalog,
    dir: CATALOG_OPTIONS.dir,
    'database-url': TARGET_OPTIONS['database-url'],
    'statement-timeout': TARGET_OPTIONS['statement-timeout'],
    version: { type: 'string', value: 'V', description: 'Only this version (applied or not)' },
  },
  positionals: { min: 0, max: 0, names: '' },
  exitCodes: `  0  every query returned no rows
  1  a query returned rows (drift) or could not run
  2  usage or configuration error`,
};

export const verify = defineCommand('migrate verify', SPEC, async ({ values }, context) => {
  const catalog = requiredOption(values, 'catalog');
  const migrations = readMigrations(requiredOption(values, 'dir'), context.cwd);
  const only = stringOption(values, 'version');
  const db = await TargetDatabase.connect(databaseUrl(values, context));
  const cases: ReportCase[] = [];
  const results: { version: string; verify: VerifyResult[] }[] = [];
  try {
    const applied = new Set((await db.history(catalog)).map((row) => versionKey(row.version).join('.')));
    const selected = migrations.filter((m) =>
      only === undefined ? applied.has(m.key.join('.')) : m.key.join('.') === versionKey(only).join('.'),
    );
    if (only !== undefined && selected.length === 0)
      throw usageError(`no migration ${only} in the directory`);
    for (const migration of selected.filter((m) => m.verify.length > 0)) {
      const verify = await db.verify(migration.verify, timeouts(values));
      results.push({ version: migration.version, verify });
      for (const result of verify) {
        cases.push({
          name: `V${migration.version} ${result.name}`,
          failed: !result.passed,
          findings: result.passed ? [] : [verifyFinding(migration, result)],
        });
      }
    }
  } finally {
    await db.close();
  }
  const failed = cases.some((c) => c.failed);
  return {
    command: 'schemata migrate verify',
    exitCode: exitFor(failed),
    cases,
    json: { passed: !failed, migrations: results },
    human: (style) =>
      cases.length === 0
        ? 'no verify queries to run'
        : [
            ...results.flatMap((r) =>
              r.verify.map(
                (v) =>
                  `V${r.version} ${v.name}: ${v.passed ? style.green('passed') : style.red(v.error ?? `${v.rows} rows differ`)}`,
              ),
            ),
            failed ? style.red('drift found') : style.green('no drift'),
          ].join('\n'),
  };
});
