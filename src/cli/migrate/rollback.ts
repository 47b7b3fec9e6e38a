import { dirname, join } from 'node:path';
import { requiredOption, stringOption, type CommandSpec } from '../args.ts';
import { CliError, usageError } from '../command.ts';
import { defineCommand, exitFor } from '../define.ts';
import { compareKeys, NO_TRANSACTION, versionKey, type MigrationFile } from './files.ts';
import { CATALOG_OPTIONS, openRunnerSession, TARGET_OPTIONS, type RunnerSession } from './options.ts';
import { finishedFields, outcomeLines, type MigrationOutcome } from './outcome.ts';
import { splitStatements } from './statements.ts';
import { TargetDatabase } from './target.ts';

const SPEC: CommandSpec = {
  usage: 'schemata migrate rollback --catalog C --dir D --env E --database-url URL --reason R [--to V]',
  summary: 'Runs down scripts (U<version>__…sql) newest first and records each rollback with its reason.',
  description: `Without --to, the newest applied migration is rolled back; with --to V, every applied migration
newer than V. A down script runs in its own transaction unless its first line is -- schemata:no-transaction.`,
  options: {
    ...CATALOG_OPTIONS,
    ...TARGET_OPTIONS,
    to: { type: 'string', value: 'V', description: 'Roll back every applied version newer than V' },
    reason: { type: 'string', value: 'R', description: 'Why (required; recorded with each rollback)' },
  },
  positionals: { min: 0, max: 0, names: '' },
  registry: true,
  exitCodes: `  0  rolled back (or nothing to roll back)
  1  a down script is missing or failed
  2  usage or configuration error (e.g. no --reason)
  3  registry unreachable or credentials refused`,
};

export const rollback = defineCommand('migrate rollback', SPEC, async ({ values }, context) => {
  const reason = requiredOption(values, 'reason');
  const to = stringOption(values, 'to');
  const { catalog, environment, migrations, limits, who, say, db } = await openRunnerSession(values, context);
  const outcomes: MigrationOutcome[] = [];
  try {
    const applied = new Set(
      (await db.history(catalog.catalog)).map((row) => versionKey(row.version).join('.')),
    );
    const newestFirst = migrations.filter((m) => applied.has(m.key.join('.'))).reverse();
    const targets =
      to === undefined
        ? newestFirst.slice(0, 1)
        : newestFirst.filter((m) => compareKeys(m.key, versionKey(checkVersion(to))) > 0);
    if (targets.length === 0) say('nothing to roll back');
    const irreversible = targets.find((m) => m.down === undefined);
    if (irreversible !== undefined)
      throw new CliError(
        'failed',
        `${irreversible.file} has no down script (U${irreversible.version}__…sql): it cannot be rolled back`,
      );
    for (const migration of targets) {
      const outcome = await rollbackOne(db, catalog, migration, { environment, who, reason, limits, say });
      outcomes.push(outcome);
      if (outcome.status !== 'rolled back') break;
    }
  } finally {
    await db.close();
  }
  return {
    command: 'schemata migrate rollback',
    exitCode: exitFor(outcomes.some((o) => o.status !== 'rolled back')),
    cases: outcomes.map((o) => ({
      name: `V${o.migration.version} ${o.migration.description}`,
      failed: o.status !== 'rolled back',
      findings: o.findings,
    })),
    json: {
      rolledBack: outcomes.filter((o) => o.status === 'rolled back').map((o) => o.migration.version),
      migrations: outcomes.map((o) => ({
        version: o.migration.version,
        status: o.status,
        ...(o.script && { ...o.script }),
        findings: o.findings,
      })),
    },
    human: outcomeLines(outcomes, 'rolled back'),
  };
});

function checkVersion(version: string): string {
  if (!/^\d+(?:[._]\d+)*$/.test(version))
    throw usageError(`--to must be a version like 3 or 1.2 (got '${version}')`);
  return version;
}

async function rollbackOne(
  db: TargetDatabase,
  catalog: RunnerSession['catalog'],
  migration: MigrationFile,
  run: {
    environment: string;
    who: string;
    reason: string;
    limits: RunnerSession['limits'];
    say: (line: string) => void;
  },
): Promise<MigrationOutcome> {
  const down = migration.down ?? '';
  const base = {
    environment: run.environment,
    kind: 'rollback' as const,
    checksum: migration.checksum,
    appliedBy: run.who,
    reason: run.reason,
  };
  const startedAt = new Date().toISOString();
  await catalog.record(migration.version, { ...base, status: 'applying', startedAt });
  run.say(`← V${migration.version} ${migration.description}`);
  const statements = await splitStatements(down, migration.downFile ?? migration.file);
  const transactional = !down.trimStart().startsWith(NO_TRANSACTION);
  const script = await db.runScript(catalog.catalog, migration, statements, {
    timeouts: run.limits,
    transactional,
    undo: true,
  });
  const finished = finishedFields(startedAt, script);
  if (script.error !== undefined) {
    await catalog.record(migration.version, { ...base, ...finished, status: 'failed' });
    run.say(`  ✗ failed: ${script.error}`);
    const file =
      migration.downFile === undefined ? migration.path : join(dirname(migration.path), migration.downFile);
    return {
      migration,
      status: 'failed',
      script,
      findings: [
        {
          file,
          rule: 'ROLLBACK_FAILED',
          severity: 'error',
          message: `${script.error} — in: ${script.errorStatement ?? ''}`,
        },
      ],
    };
  }
  await catalog.record(migration.version, { ...base, ...finished, status: 'rolled_back' });
  run.say(`  ✓ rolled back in ${script.durationMs} ms`);
  return { migration, status: 'rolled back', script, findings: [] };
}
