/**
 * Table compatibility (migration-rules.md §2) with the JSON engine's entry shape: the same levels,
 * directions and transitive selection. BACKWARD checks `tableDiff(existing, proposed)`; FORWARD checks
 * `tableDiff(proposed, existing)` with its pointers swapped back, so `oldPath` always points into the
 * registered model. Only `error` findings make a pair incompatible.
 */
import type { TableModel } from '../../schema/table/model.ts';
import { directionsOf, isTransitive, type CompatibilityLevel, type Direction } from '../index.ts';
import { tableDiff } from './diff.ts';
import type { TableViolation } from './types.ts';

export { tableDiff } from './diff.ts';
export type { DiffNames } from './findings.ts';
export { TABLE_RULES, type TableRule, type TableRuleId } from './rules.ts';
export { isWidening } from './widening.ts';
export type * from './types.ts';

export interface ExistingTable {
  version: number;
  model: TableModel;
}

export interface TableCompatibilityResult {
  compatible: boolean;
  /** Every finding: `error` ones made the verdict; `warn` and `info` are reported beside it. */
  violations: TableViolation[];
}

/** Findings against one registered version in the given direction(s). */
export function checkTablePair(
  proposed: TableModel,
  existing: ExistingTable,
  directions: readonly Direction[],
): TableViolation[] {
  const registered = `version ${existing.version}`;
  return directions.flatMap((direction) => {
    if (direction === 'BACKWARD') {
      return tableDiff(existing.model, proposed, { old: registered, new: 'the proposed version' }).map(
        (v) => ({ ...v, oldVersion: existing.version }),
      );
    }
    return tableDiff(proposed, existing.model, { old: 'the proposed version', new: registered }).map((v) => ({
      ...v,
      oldPath: v.newPath,
      newPath: v.oldPath,
      direction,
      oldVersion: existing.version,
    }));
  });
}

/**
 * Pure. `existing` is ordered newest first and holds only live versions. Non-transitive levels compare with
 * the newest only, transitive ones with all, stopping at the first version that makes the pair incompatible.
 */
export function checkTableCompatibility(
  level: CompatibilityLevel,
  proposed: TableModel,
  existing: readonly ExistingTable[],
): TableCompatibilityResult {
  const directions = directionsOf(level);
  if (directions.length === 0) return { compatible: true, violations: [] };
  const targets = isTransitive(level) ? existing : existing.slice(0, 1);
  const reported: TableViolation[] = [];
  for (const version of targets) {
    const violations = checkTablePair(proposed, version, directions);
    if (violations.some((v) => v.severity === 'error')) return { compatible: false, violations };
    reported.push(...violations);
  }
  return { compatible: true, violations: reported };
}
