/**
 * What the lint rules know while they walk a migration statement by statement: the tables it created
 * (§3: every other table is "existing"), the ones it altered, the timeouts set so far and the
 * transaction state.
 */
import type { RangeVar } from '@pgsql/types';
import { relationKey } from '../sql/ast.ts';
import type { SqlSource } from '../sql/parser.ts';
import { lintRule, type LintRuleId } from './rules.ts';
import type { LintFinding, LintOptions, LintSeverity, NamingKind } from './types.ts';

/** PostgreSQL majors this rule set knows; rules that depend on the version assume the newest otherwise. */
export const NEWEST_POSTGRES = 18;

export interface Settings {
  postgresVersion: number;
  transactional: boolean;
  naming: Partial<Record<NamingKind, RegExp>>;
  minReasonLength: number;
  /** Column types of known existing tables: `schema.table` → column → canonical type. */
  columnTypes: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export function settingsOf(options: LintOptions = {}): Settings {
  const naming: Partial<Record<NamingKind, RegExp>> = {};
  for (const [kind, pattern] of Object.entries(options.naming ?? {})) {
    if (pattern !== undefined) naming[kind as NamingKind] = new RegExp(pattern, 'u');
  }
  return {
    postgresVersion: options.postgresVersion ?? NEWEST_POSTGRES,
    transactional: options.transactional ?? true,
    naming,
    minReasonLength: Math.max(1, options.minReasonLength ?? 1),
    columnTypes: new Map(
      (options.tables ?? []).map((t) => [
        `${t.schema ?? 'public'}.${t.table}`,
        new Map(t.columns.map((c) => [c.name, c.type])),
      ]),
    ),
  };
}

export class LintRun {
  readonly findings: LintFinding[] = [];
  /** Tables created by this migration (`schema.table`), so not "existing". */
  readonly created = new Set<string>();
  /** Indexes created by this migration. */
  readonly createdIndexes = new Set<string>();
  /** Existing tables this migration alters (MG303). */
  readonly altered = new Set<string>();
  /** Constraints added NOT VALID in the current transaction (`table.constraint`, MG108). */
  readonly notValidInTransaction = new Set<string>();
  /** NOT VALID `CHECK (c IS NOT NULL)` constraints by `table.constraint` → column (MG105). */
  readonly pendingNotNullChecks = new Map<string, string>();
  /** Columns with a validated `CHECK (c IS NOT NULL)` (`table.column`, MG105). */
  readonly validatedNotNull = new Set<string>();
  lockTimeout = false;
  statementTimeout = false;
  statementTimeoutReported = false;
  /** Index of the explicit BEGIN that is open, if any. */
  openTransaction: number | undefined;
  /** The statement being checked and its start (byte offset). */
  statement = 0;
  statementStart = 0;

  constructor(
    readonly source: SqlSource,
    readonly settings: Settings,
  ) {}

  /** Inside a transaction: the runner's, or an explicit BEGIN … COMMIT. */
  inTransaction(): boolean {
    return this.settings.transactional || this.openTransaction !== undefined;
  }

  /** §3: a table is existing unless this migration created it. */
  existing(relation: RangeVar | undefined): boolean {
    return !this.created.has(relationKey(relation));
  }

  /** The column's type before the migration, when the caller told us the table. */
  knownColumnType(table: string, column: string): string | undefined {
    return this.settings.columnTypes.get(table)?.get(column);
  }

  /** Reports a finding on the current statement, at `at` (a byte offset) or the statement's start. */
  report(id: LintRuleId, message: string, at?: number, severity?: LintSeverity): void {
    this.reportAt(this.statement, id, message, at ?? this.statementStart, severity);
  }

  reportAt(
    statement: number | undefined,
    id: LintRuleId,
    message: string,
    at: number,
    severity?: LintSeverity,
  ): void {
    this.findings.push(this.finding(statement, id, message, at, severity));
  }

  /** A finding at byte offset `at`, not yet reported. */
  finding(
    statement: number | undefined,
    id: LintRuleId,
    message: string,
    at: number,
    severity?: LintSeverity,
  ): LintFinding {
    const rule = lintRule(id);
    const { line, column } = this.source.position(at);
    return {
      rule: id,
      severity: severity ?? rule?.severity ?? 'error',
      message,
      hint: rule?.hint ?? '',
      line,
      column,
      ...(statement === undefined ? {} : { statement }),
    };
  }
}

/** `"schema"."table"` as written, for messages. */
export function tableName(relation: RangeVar | undefined): string {
  const name = relation?.relname ?? '?';
  return relation?.schemaname === undefined ? name : `${relation.schemaname}.${name}`;
}
