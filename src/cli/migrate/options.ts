import { integerOption, requiredOption, stringOption, type OptionSpec, type OptionValues } from '../args.ts';
import type { CliContext } from '../command.ts';
import { RegistryClient } from '../http.ts';
import { registrySettings } from '../settings.ts';
import { CatalogClient } from './catalog.ts';
import { readMigrations, type MigrationFile } from './files.ts';
import { TargetDatabase, type Timeouts } from './target.ts';

export const CATALOG_OPTIONS = {
  catalog: { type: 'string', value: 'C', description: "The service's catalog, e.g. user-profile (required)" },
  dir: {
    type: 'string',
    value: 'D',
    description: 'Directory of V<version>__<description>.sql files (required)',
  },
} satisfies Record<string, OptionSpec>;

export const TARGET_OPTIONS = {
  env: {
    type: 'string',
    value: 'E',
    description: 'Environment the database belongs to, e.g. staging (required)',
  },
  'database-url': {
    type: 'string',
    value: 'URL',
    description: "The service's database (else $DATABASE_URL)",
  },
  'lock-timeout': {
    type: 'string',
    value: 'MS',
    description: 'lock_timeout for each statement (default 5000)',
  },
  'statement-timeout': {
    type: 'string',
    value: 'MS',
    description: 'statement_timeout for each statement (default 600000)',
  },
  'lock-wait': {
    type: 'string',
    value: 'S',
    description: 'Seconds to wait for another runner on the same database (default 300; 0 refuses at once)',
  },
  'applied-by': {
    type: 'string',
    value: 'WHO',
    description: 'Recorded as who applied (else $GITHUB_ACTOR, else $USER)',
  },
} satisfies Record<string, OptionSpec>;

export function catalogClient(values: OptionValues, context: CliContext): CatalogClient {
  return new CatalogClient(
    new RegistryClient(registrySettings(values, context)),
    requiredOption(values, 'catalog'),
  );
}

export function databaseUrl(values: OptionValues, context: CliContext): string {
  const url = stringOption(values, 'database-url') ?? context.env['DATABASE_URL'];
  if (url === undefined || url === '') return requiredOption(values, 'database-url');
  return url;
}

export function timeouts(values: OptionValues): Timeouts {
  return {
    lockTimeoutMs: integerOption(values, 'lock-timeout', 5_000),
    statementTimeoutMs: integerOption(values, 'statement-timeout', 600_000),
  };
}

export const lockWaitMs = (values: OptionValues): number => integerOption(values, 'lock-wait', 300) * 1000;

export function appliedBy(values: OptionValues, context: CliContext): string {
  return (
    stringOption(values, 'applied-by') ?? context.env['GITHUB_ACTOR'] ?? context.env['USER'] ?? 'schemata-cli'
  );
}

/** Progress goes to stderr, so stdout carries only the report in its format. */
export const progress = (context: CliContext) => (line: string) => context.io.err.write(`${line}\n`);

/** What apply and rollback share: the catalog, the environment, the files, the limits and a locked target. */
export interface RunnerSession {
  catalog: CatalogClient;
  environment: string;
  migrations: MigrationFile[];
  limits: Timeouts;
  who: string;
  say: (line: string) => void;
  /** Holds the runner lock; `close()` it when done. */
  db: TargetDatabase;
}

/** Reads the options and the directory, connects to the target and takes the runner lock (waiting as told). */
export async function openRunnerSession(values: OptionValues, context: CliContext): Promise<RunnerSession> {
  const say = progress(context);
  const catalog = catalogClient(values, context);
  const environment = requiredOption(values, 'env');
  const migrations = readMigrations(requiredOption(values, 'dir'), context.cwd);
  const limits = timeouts(values);
  const who = appliedBy(values, context);
  const db = await TargetDatabase.connect(databaseUrl(values, context));
  try {
    await db.lock(lockWaitMs(values), () => say('waiting for another migration runner on this database…'));
  } catch (error) {
    await db.close();
    throw error;
  }
  return { catalog, environment, migrations, limits, who, say, db };
}
