/** Migration lint (reference: migration-rules.md §3–4): what the engine reports for one SQL text. */
import type { TableModel } from '../schema/table/model.ts';

export type LintSeverity = 'error' | 'warn' | 'info';

export interface LintOptions {
  /** Target PostgreSQL major version (e.g. 16); rules that depend on it assume the newest when absent. */
  postgresVersion?: number;
  /** Whether the runner wraps the migration in one transaction (the migration's `transactional` flag); default true. */
  transactional?: boolean;
  /** MG403: a regular expression per object kind that names must match; no kind is checked when absent. */
  naming?: Partial<Record<NamingKind, string>>;
  /** Shortest reason a `schemata-ignore` comment may give (default 1: any non-blank reason). */
  minReasonLength?: number;
  /** The existing tables as they are before the migration, when known: MG103 then tells in-place type changes from rewrites. */
  tables?: readonly TableModel[];
}

export type NamingKind = 'table' | 'column' | 'index' | 'constraint' | 'sequence' | 'type';

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
