import type { Finding } from '../output/report.ts';
import type { Style } from '../output/style.ts';
import type { MigrationFile } from './files.ts';
import type { ScriptOutcome, VerifyResult } from './target.ts';

/** What happened to one migration in a run of apply or rollback. */
export interface MigrationOutcome {
  migration: MigrationFile;
  /** `unverified`: applied, but a verify query found rows. */
  status: 'applied' | 'rolled back' | 'failed' | 'refused' | 'unverified';
  script?: ScriptOutcome;
  verify?: VerifyResult[];
  findings: Finding[];
}

/** The human summary of a run: one line per migration, its findings below it. */
export function outcomeLines(outcomes: readonly MigrationOutcome[], done: 'applied' | 'rolled back') {
  return (style: Style): string => {
    if (outcomes.length === 0) return `nothing to do: nothing was ${done}`;
    const lines: string[] = [];
    for (const o of outcomes) {
      const ok = o.status === done;
      const status = ok ? style.green(o.status) : style.red(o.status);
      const stats =
        o.script === undefined
          ? ''
          : style.dim(
              ` (${o.script.statementsApplied}/${o.script.statementsTotal} statements, ${o.script.durationMs} ms)`,
            );
      lines.push(`V${o.migration.version} ${o.migration.description}: ${status}${stats}`);
      for (const f of o.findings)
        lines.push(
          `  ${f.severity === 'error' ? style.red('✗') : style.yellow('!')} ${style.bold(f.rule)} ${f.message}`,
        );
    }
    const count = outcomes.filter((o) => o.status === done).length;
    lines.push(`${count} of ${outcomes.length} ${done}`);
    return lines.join('\n');
  };
}

/** What an application record takes from a finished script: timings, counts and, if it failed, the error and statement. */
export function finishedFields(startedAt: string, script: ScriptOutcome) {
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    durationMs: script.durationMs,
    statementsApplied: script.statementsApplied,
    statementsTotal: script.statementsTotal,
    ...(script.error !== undefined && { error: script.error, errorStatement: script.errorStatement }),
  };
}
