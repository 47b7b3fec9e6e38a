import type { Direction } from '../index.ts';

export type TableSeverity = 'error' | 'warn' | 'info';

/**
 * One table-compatibility finding (reference: migration-rules.md §2), shaped like a JSON Schema violation
 * plus `severity` and `hint`. Only `error` findings make a pair incompatible.
 */
export interface TableViolation {
  /** `TS000`…`TS012`. */
  rule: string;
  /** JSON Pointer into the old (registered) model, e.g. `#/columns/2`. */
  oldPath: string;
  /** JSON Pointer into the new (proposed) model. */
  newPath: string;
  message: string;
  severity: TableSeverity;
  /** The safe alternative. */
  hint: string;
  direction: Direction;
  /** The registered version compared against. */
  oldVersion?: number;
}
