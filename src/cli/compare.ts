import type { CompatibilityLevel } from '../domain/compatibility/index.ts';
import { comparableOf, versionsOf, type SchemaFile } from './schemaFiles.ts';
import type { ShownViolation } from './violations.ts';

export interface FileVerdict {
  compatible: boolean;
  violations: ShownViolation[];
}

/**
 * `proposed` against a history of files (oldest first) under `level`: the same selection of versions,
 * directions and rules as registration (design.md §4), so an offline verdict equals the online one.
 */
export async function compareFiles(
  level: CompatibilityLevel,
  proposed: SchemaFile,
  history: readonly SchemaFile[],
): Promise<FileVerdict> {
  const { checkCompatibility } = await import('../domain/compatibility/index.ts');
  const candidate = await comparableOf(proposed);
  const existing = await versionsOf(history);
  const verdict = checkCompatibility(level, candidate, existing);
  return { compatible: verdict.compatible, violations: verdict.violations };
}
