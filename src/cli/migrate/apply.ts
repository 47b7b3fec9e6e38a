import type { CommandSpec } from '../args.ts';
import { CliError } from '../command.ts';
import { defineCommand, exitFor } from '../define.ts';
import type { Finding, ReportCase } from '../output/report.ts';
import { isRefusal, verifyRecord, type CatalogClient } from './catalog.ts';
import { compareKeys, versionKey, type MigrationFile } from './files.ts';
import { CATALOG_OPTIONS, openRunnerSession, TARGET_OPTIONS } from './options.ts';
import { splitStatements } from './statements.ts';
import { TargetDatabase, type ScriptOutcome, type Timeouts, type VerifyResult } from './target.ts';
import { finishedFields, outcomeLines, type MigrationOutcome } from './outcome.ts';

const SPEC: CommandSpec = {
  usage: 'schemata migrate apply --catalog C --dir D --env E --database-url URL [options]',
  summary: "Runs the pending migrations against the service's database and records each in the catalog.",
  description: `Pending files (not yet in the database's history) are submitted to the catalog first, then run in
version order, each in its own transaction (none when its first line is -- schemata:no-transaction), with
lock_timeout and statement_timeout set. The first failure stops the run and is recorded with its statement.
Each migration's verify queries (V<version>__<description>.verify.sql) run after it; a query passes when it
returns no rows. A lock on the database keeps two runners from interleaving. A second run is a no-op.`,
  options: { ...CATALOG_OPTIONS, ...TARGET_OPTIONS },
  positionals: { min: 0, max: 0, names: '' },
  registry: true,
  exitCodes: `  0  every pending migration applied and verified (or nothing was pending)
  1  a migration was refused by the catalog, failed, or failed verification; or drift (CT001/CT002)
  2  usage or configuration error
  3  registry unreachable or credentials refused`,
};

export const apply = defineCommand('migrate apply', SPEC, async ({ values }, context) => {
  const { catalog, environment, migrations, limits, who, say, db } = await openRunnerSession(values, context);
  const outcomes: MigrationOutcome[] = [];
  try {
    await db.ensureHistory();
    const pending = pendingOf(migrations, await db.history(catalog.catalog));
    if (pending.length === 0) say('nothing to apply: the database is up to date');
    // Every pending file is stored (and so linted and planned) before any of them runs.
    for (const migration of pending) {
      const stored = await catalog.submit(migration);
      if (isRefusal(stored)) {
        outcomes.push({ migration, status: 'refused', findings: refusalFindings(migration, stored) });
        return report(outcomes, pending);
      }
    }
    for (const migration of pending) {
      const outcome = await applyOne(db, catalog, migration, { environment, who, limits, say });
      outcomes.push(outcome);
      if (outcome.status !== 'applied') break;
    }
  } finally {
    await db.close();
  }
  return report(outcomes, migrations);
});

/**
 * The migrations not yet in the database's history, in order. A file whose checksum differs from what was
 * applied (CT001), an applied version whose file is gone, or a pending version below the newest applied
 * one (CT002) stops the run before anything is changed.
 */
export function pendingOf(
  migrations: readonly MigrationFile[],
  history: readonly { version: string; checksum: string }[],
): MigrationFile[] {
  const byKey = new Map(migrations.map((m) => [m.key.join('.'), m]));
  const applied = new Set<string>();
  let newest: number[] | undefined;
  for (const row of history) {
    const key = migrations.find((m) => m.version === row.version)?.key ?? versionKey(row.version);
    const file = byKey.get(key.join('.'));
    if (file === undefined)
      throw new CliError(
        'failed',
        `CT003: version ${row.version} is applied to this database but its file is missing from the directory`,
      );
    if (file.checksum !== row.checksum.trim()) {
      throw new CliError(
        'failed',
        `CT001: ${file.file} differs from the version applied to this database (checksum ${row.checksum.slice(0, 12)}…, file ${file.checksum.slice(0, 12)}…); write a new migration instead`,
      );
    }
    applied.add(key.join('.'));
    if (newest === undefined || compareKeys(key, newest) > 0) newest = key;
  }
  const pending = migrations.filter((m) => !applied.has(m.key.join('.')));
  const early = pending.find((m) => newest !== undefined && compareKeys(m.key, newest) < 0);
  if (early !== undefined) {
    throw new CliError(
      'failed',
      `CT002: ${early.file} is pending but older than version ${newest?.join('.')} applied to this database (out of order)`,
    );
  }
  return pending;
}

async function applyOne(
  db: TargetDatabase,
  catalog: CatalogClient,
  migration: MigrationFile,
  run: { environment: string; who: string; limits: Timeouts; say: (line: string) => void },
): Promise<MigrationOutcome> {
  const base = {
    environment: run.environment,
    kind: 'apply' as const,
    checksum: migration.checksum,
    appliedBy: run.who,
  };
  const startedAt = new Date().toISOString();
  await catalog.record(migration.version, { ...base, status: 'applying', startedAt });
  run.say(
    `→ V${migration.version} ${migration.description}${migration.transactional ? '' : ' (no transaction)'}`,
  );
  let script: ScriptOutcome;
  try {
    const statements = await splitStatements(migration.up, migration.file);
    script = await db.runScript(catalog.catalog, migration, statements, {
      timeouts: run.limits,
      transactional: migration.transactional,
      undo: false,
    });
  } catch (error) {
    // The catalog must not be left with a run that looks in progress.
    const message = error instanceof Error ? error.message : String(error);
    await catalog.record(migration.version, {
      ...base,
      status: 'failed',
      startedAt,
      finishedAt: new Date().toISOString(),
      error: message,
    });
    throw error;
  }
  const finished = finishedFields(startedAt, script);
  if (script.error !== undefined) {
    await catalog.record(migration.version, { ...base, ...finished, status: 'failed' });
    run.say(
      `  ✗ failed after ${script.statementsApplied} of ${script.statementsTotal} statements: ${script.error}`,
    );
    return { migration, status: 'failed', script, findings: [failureFinding(migration, script)] };
  }
  const verify: VerifyResult[] =
    migration.verify.length > 0 ? await db.verify(migration.verify, run.limits) : [];
  await catalog.record(migration.version, {
    ...base,
    ...finished,
    status: 'applied',
    ...(verify.length > 0 && { verify: verifyRecord(verify) }),
  });
  run.say(`  ✓ applied in ${script.durationMs} ms (${script.statementsTotal} statements)`);
  const failedChecks = verify.filter((v) => !v.passed);
  for (const check of verify)
    run.say(`  ${check.passed ? '✓' : '✗'} verify ${check.name}: ${check.error ?? `${check.rows} rows`}`);
  return {
    migration,
    status: failedChecks.length > 0 ? 'unverified' : 'applied',
    script,
    verify,
    findings: failedChecks.map((v) => verifyFinding(migration, v)),
  };
}

function failureFinding(migration: MigrationFile, script: ScriptOutcome): Finding {
  return {
    file: migration.path,
    rule: 'MIGRATION_FAILED',
    severity: 'error',
    message: `${script.error ?? 'failed'} — in: ${script.errorStatement ?? ''}`,
  };
}

export function verifyFinding(migration: MigrationFile, result: VerifyResult): Finding {
  const file = migration.path.replace(/\.sql$/, '.verify.sql');
  const what = result.error ?? `returned ${result.rows} row${result.rows === 1 ? '' : 's'} (drift)`;
  return { file, rule: 'VERIFY_FAILED', severity: 'error', message: `verify "${result.name}" ${what}` };
}

function refusalFindings(
  migration: MigrationFile,
  refusal: {
    message: string;
    findings: { rule: string; message: string; severity?: string; line?: number; column?: number }[];
  },
): Finding[] {
  const findings: Finding[] = refusal.findings.map((f) => ({
    file: migration.path,
    rule: f.rule,
    severity: f.severity === 'warn' || f.severity === 'info' ? f.severity : 'error',
    message: f.message,
    ...(f.line !== undefined && { line: f.line }),
    ...(f.column !== undefined && { column: f.column }),
  }));
  return findings.some((f) => f.severity === 'error')
    ? findings
    : [...findings, { file: migration.path, rule: 'REFUSED', severity: 'error', message: refusal.message }];
}

function report(outcomes: readonly MigrationOutcome[], migrations: readonly MigrationFile[]) {
  const cases: ReportCase[] = outcomes.map((o) => ({
    name: `V${o.migration.version} ${o.migration.description}`,
    failed: o.status !== 'applied',
    findings: o.findings,
  }));
  const failed = outcomes.some((o) => o.status !== 'applied');
  return {
    command: 'schemata migrate apply',
    exitCode: exitFor(failed),
    cases,
    json: {
      applied: outcomes
        .filter((o) => o.status === 'applied' || o.status === 'unverified')
        .map((o) => o.migration.version),
      migrations: outcomes.map((o) => ({
        version: o.migration.version,
        description: o.migration.description,
        status: o.status,
        ...(o.script && {
          statementsApplied: o.script.statementsApplied,
          statementsTotal: o.script.statementsTotal,
          durationMs: o.script.durationMs,
        }),
        ...(o.script?.error !== undefined && {
          error: o.script.error,
          errorStatement: o.script.errorStatement,
        }),
        ...(o.verify && { verify: o.verify }),
        findings: o.findings,
      })),
      upToDate: outcomes.length === 0,
      known: migrations.length,
    },
    human: outcomeLines(outcomes, 'applied'),
  };
}
