import type { CompatibilityLevel } from '../domain/compatibility/index.ts';
import { usageError } from './command.ts';
import { comparableOf, tableModelOf, tableVersionsOf, versionsOf, type SchemaFile } from './schemaFiles.ts';
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
  const mixed = history.find((file) => file.type !== proposed.type);
  if (mixed !== undefined) {
    throw usageError(`${mixed.path} is a ${mixed.type} schema and ${proposed.path} a ${proposed.type} one`);
  }
  if (proposed.type === 'TABLE') {
    const { checkTableCompatibility } = await import('../domain/compatibility/table/index.ts');
    return checkTableCompatibility(level, await tableModelOf(proposed), await tableVersionsOf(history));
  }
  const { checkCompatibility } = await import('../domain/compatibility/index.ts');
  const candidate = await comparableOf(proposed);
  const existing = await versionsOf(history);
  const verdict = checkCompatibility(level, candidate, existing);
  return { compatible: verdict.compatible, violations: verdict.violations };
}
