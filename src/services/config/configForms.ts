import {
  COMPATIBILITY_LEVELS,
  type CompatibilityLevel,
  type CompatibilityPolicy,
} from '../../domain/compatibility/index.ts';
import { DomainError } from '../../domain/errors.ts';
import type { StoredConfig } from '../../db/repositories/configs.ts';

export const COMPATIBILITY_POLICIES: readonly CompatibilityPolicy[] = ['STRICT', 'LENIENT'];
export const DEFAULT_POLICY: CompatibilityPolicy = 'STRICT';

/** Config as GET and DELETE answer it: `compatibilityLevel`, plus policy and normalize only when set. */
export interface ConfigReadForm {
  compatibilityLevel: CompatibilityLevel;
  compatibilityPolicy?: CompatibilityPolicy;
  normalize?: boolean;
}

/** Config as PUT takes and echoes it: the level key is `compatibility`, every key optional. */
export interface ConfigWriteForm {
  compatibility?: CompatibilityLevel;
  compatibilityPolicy?: CompatibilityPolicy;
  normalize?: boolean;
}

/** A level in any case → its upper-case name; anything else is 42203. */
export function parseLevel(raw: string): CompatibilityLevel {
  const level = raw.trim().toUpperCase();
  const known = COMPATIBILITY_LEVELS.find((l) => l === level);
  if (known === undefined) {
    throw new DomainError(
      'INVALID_COMPATIBILITY',
      `Invalid compatibility level '${raw}'; valid levels are ${COMPATIBILITY_LEVELS.join(', ')}.`,
    );
  }
  return known;
}

/** A policy in any case → STRICT or LENIENT; anything else is 42203. */
export function parsePolicy(raw: string): CompatibilityPolicy {
  const policy = raw.trim().toUpperCase();
  const known = COMPATIBILITY_POLICIES.find((p) => p === policy);
  if (known === undefined) {
    throw new DomainError(
      'INVALID_COMPATIBILITY',
      `Invalid compatibility policy '${raw}'; valid policies are ${COMPATIBILITY_POLICIES.join(', ')}.`,
    );
  }
  return known;
}

/** A stored level, trusted only if it is still a known one (rows are validated on write). */
export function storedLevel(value: string | null | undefined): CompatibilityLevel | undefined {
  return COMPATIBILITY_LEVELS.find((l) => l === value);
}

export function storedPolicy(value: string | null | undefined): CompatibilityPolicy | undefined {
  return COMPATIBILITY_POLICIES.find((p) => p === value);
}

/**
 * The read form of a stored row. A row may set only a policy or normalize; its level is then the one
 * it inherits, because `compatibilityLevel` is always present in the read form.
 */
export function toReadForm(row: StoredConfig, inheritedLevel: CompatibilityLevel): ConfigReadForm {
  const form: ConfigReadForm = { compatibilityLevel: storedLevel(row.compatibilityLevel) ?? inheritedLevel };
  const policy = storedPolicy(row.compatibilityPolicy);
  if (policy !== undefined) form.compatibilityPolicy = policy;
  if (row.normalize !== null) form.normalize = row.normalize;
  return form;
}
