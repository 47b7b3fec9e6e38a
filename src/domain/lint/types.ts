/** Migration lint (reference: migration-rules.md §3–4): what the engine reports for one SQL text. */
export type LintSeverity = 'error' | 'warn' | 'info';

export interface LintOptions {
  /** Target PostgreSQL major version (e.g. 16); rules that depend on it assume the newest when absent. */
  postgresVersion?: number;
  /** Whether the runner wraps the migration in one transaction (the migration's `transactional` flag); default true. */
  transactional?: boolean;
}

export interface LintFinding {
  /** Stable rule id, `MG000`…`MG403`. */
  rule: string;
  severity: LintSeverity;
  /** One sentence naming the object. */
  message: string;
  /** The safe alternative. */
  hint: string;
  /** 1-based line and column (in characters) of the statement or token the finding is about. */
  line: number;
  column: number;
  /** 0-based index of the statement in the text, when the finding belongs to one. */
  statement?: number;
}

export interface SuppressedFinding extends LintFinding {
  /** The reason written in the `schemata-ignore` comment. */
  reason: string;
}

export interface LintReport {
  findings: LintFinding[];
  suppressed: SuppressedFinding[];
  /** Version of the rule set that produced the report (stored with catalog migrations). */
  ruleSetVersion: string;
}
