import postgres from 'postgres';
import { CliError, usageError } from '../command.ts';
import type { MigrationFile, VerifyQuery } from './files.ts';
import type { Statement } from './statements.ts';

/** One advisory-lock key for every Schemata runner: advisory locks are per database, so this is "the runner lock" of each target. */
const RUNNER_LOCK = '8315449174034735457';

export interface Timeouts {
  lockTimeoutMs: number;
  statementTimeoutMs: number;
}

/** A row of the target database's own record of what the runner applied there. */
export interface HistoryRow {
  version: string;
  checksum: string;
}

export interface ScriptOutcome {
  statementsTotal: number;
  statementsApplied: number;
  durationMs: number;
  /** Set when a statement failed: the database's message and the statement. */
  error?: string;
  errorStatement?: string;
}

export interface VerifyResult {
  name: string;
  passed: boolean;
  rows: number;
  /** The query's error, when it could not run at all (counts as failed). */
  error?: string;
}

/**
 * The service's database, as the runner sees it: a session that holds the runner lock, a small history
 * table written in the same transaction as each migration (so the database itself knows what ran), and
 * one migration at a time in its own transaction, or none.
 */
export class TargetDatabase {
  private constructor(private readonly sql: postgres.Sql) {}

  static async connect(url: string): Promise<TargetDatabase> {
    if (!/^postgres(ql)?:\/\//.test(url)) throw usageError('--database-url must be a postgres:// URL');
    // One connection: the session that holds the advisory lock is the one that runs the migrations.
    const sql = postgres(url, {
      max: 1,
      onnotice: () => {},
      connect_timeout: 10,
      idle_timeout: 0,
      max_lifetime: null,
    });
    try {
      await sql`select 1`;
    } catch (error) {
      await sql.end({ timeout: 1 });
      throw new CliError('failed', `cannot connect to the target database: ${messageOf(error)}`);
    }
    return new TargetDatabase(sql);
  }

  async close(): Promise<void> {
    await this.sql.end({ timeout: 5 });
  }

  /**
   * Takes the runner lock, so two runners never interleave on one database. When another runner holds it,
   * waits up to `waitMs` (0: refuse at once), calling `onWait` once.
   */
  async lock(waitMs: number, onWait: () => void): Promise<void> {
    const deadline = Date.now() + waitMs;
    let told = false;
    for (;;) {
      const [row] = await this.sql<
        { locked: boolean }[]
      >`select pg_try_advisory_lock(${RUNNER_LOCK}::bigint) as locked`;
      if (row?.locked === true) return;
      if (Date.now() >= deadline) {
        throw new CliError(
          'failed',
          'another migration runner holds the lock on this database; try again once it has finished',
        );
      }
      if (!told) onWait();
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async ensureHistory(): Promise<void> {
    await this.sql`create table if not exists public.schemata_migration_history (
      catalog text not null,
      version text not null,
      description text not null,
      checksum char(64) not null,
      applied_at timestamptz not null default now(),
      duration_ms integer not null,
      primary key (catalog, version))`;
  }

  async history(catalog: string): Promise<HistoryRow[]> {
    const exists = await this
      .sql`select to_regclass('public.schemata_migration_history') is not null as present`;
    if (exists[0]?.['present'] !== true) return [];
    return this.sql<
      HistoryRow[]
    >`select version, checksum from public.schemata_migration_history where catalog = ${catalog}`;
  }

  /**
   * Runs `statements` of `migration` (its up script, or its down script when `undo`), with the timeouts,
   * and records the outcome in the history table: in the same transaction when the script is transactional.
   * Stops at the first failing statement; a transactional script then leaves nothing behind.
   */
  async runScript(
    catalog: string,
    migration: MigrationFile,
    statements: readonly Statement[],
    options: {
      timeouts: Timeouts;
      transactional: boolean;
      undo: boolean;
      onStatement?: (index: number) => void;
    },
  ): Promise<ScriptOutcome> {
    const started = performance.now();
    const outcome: ScriptOutcome = {
      statementsTotal: statements.length,
      statementsApplied: 0,
      durationMs: 0,
    };
    const runAll = async (sql: postgres.Sql | postgres.TransactionSql, local: boolean) => {
      await sql`select set_config('lock_timeout', ${`${options.timeouts.lockTimeoutMs}ms`}, ${local}),
                       set_config('statement_timeout', ${`${options.timeouts.statementTimeoutMs}ms`}, ${local})`;
      for (const [index, statement] of statements.entries()) {
        options.onStatement?.(index);
        try {
          await sql.unsafe(statement.sql).simple();
        } catch (error) {
          outcome.error = messageOf(error);
          outcome.errorStatement = statement.sql;
          throw new ScriptFailed();
        }
        outcome.statementsApplied++;
      }
      outcome.durationMs = Math.round(performance.now() - started);
      await this.record(sql, catalog, migration, options.undo, outcome.durationMs);
    };
    try {
      if (options.transactional) await this.sql.begin((tx) => runAll(tx, true));
      else {
        try {
          await runAll(this.sql, false);
        } finally {
          await this
            .sql`select set_config('lock_timeout', '0', false), set_config('statement_timeout', '0', false)`;
        }
      }
    } catch (error) {
      if (!(error instanceof ScriptFailed)) throw error;
      // Inside a transaction nothing of the script stays: report nothing applied.
      if (options.transactional) outcome.statementsApplied = 0;
    }
    outcome.durationMs = Math.round(performance.now() - started);
    return outcome;
  }

  private async record(
    sql: postgres.Sql | postgres.TransactionSql,
    catalog: string,
    migration: MigrationFile,
    undo: boolean,
    durationMs: number,
  ): Promise<void> {
    if (undo) {
      await sql`delete from public.schemata_migration_history where catalog = ${catalog} and version = ${migration.version}`;
      return;
    }
    await sql`insert into public.schemata_migration_history (catalog, version, description, checksum, duration_ms)
              values (${catalog}, ${migration.version}, ${migration.description}, ${migration.checksum}, ${durationMs})`;
  }

  /** Runs each verify query read-only under the statement timeout: it passes when it returns no rows. */
  async verify(queries: readonly VerifyQuery[], timeouts: Timeouts): Promise<VerifyResult[]> {
    const results: VerifyResult[] = [];
    for (const query of queries) {
      try {
        const rows = await this.sql.begin('read only', async (tx) => {
          await tx`select set_config('statement_timeout', ${`${timeouts.statementTimeoutMs}ms`}, true)`;
          return tx.unsafe(query.sql).simple();
        });
        const count = Array.isArray(rows) ? rows.length : 0;
        results.push({ name: query.name, passed: count === 0, rows: count });
      } catch (error) {
        results.push({ name: query.name, passed: false, rows: 0, error: messageOf(error) });
      }
    }
    return results;
  }
}

class ScriptFailed extends Error {}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
