import type { Style } from './style.ts';

export type Severity = 'error' | 'warn' | 'info';

/** One problem the machine formats annotate: a rule with a place and a sentence. */
export interface Finding {
  file?: string;
  line?: number;
  column?: number;
  rule: string;
  severity: Severity;
  message: string;
}

/** A JUnit test case: one file, subject or migration the command judged. */
export interface ReportCase {
  name: string;
  /** Whether this case made the command fail. */
  failed: boolean;
  findings: Finding[];
  /** Extra text for the JUnit `<system-out>` (e.g. a migration's progress). */
  output?: string;
}

/**
 * What a command found, independent of the output format: `index.ts` renders it as human text, JSON,
 * GitHub workflow commands or JUnit XML, and exits with `exitCode`.
 */
export interface Report {
  /** `schemata <command>`: the JUnit testsuite name. */
  command: string;
  exitCode: number;
  cases: ReportCase[];
  /** The `--format json` document. */
  json: unknown;
  human(style: Style): string;
}
