import type { CompatibilityLevel, CompatibilityPolicy } from '../../domain/compatibility/index.ts';
import type { Queryable } from '../../db/client.ts';
import { findConfigChain, type StoredConfig } from '../../db/repositories/configs.ts';
import { DEFAULT_POLICY, storedLevel, storedPolicy } from './configForms.ts';

export interface EffectiveConfig {
  level: CompatibilityLevel;
  policy: CompatibilityPolicy;
  normalize: boolean;
}

/**
 * The config a check or registration of `subject` runs under (`null` = global). Each field resolves on
 * its own: subject config → global config → server default (policy STRICT, normalize false).
 */
export async function readEffectiveConfig(
  db: Queryable,
  subject: string | null,
  defaults: { level: CompatibilityLevel },
): Promise<EffectiveConfig> {
  const { own, global } = await findConfigChain(db, subject);
  return effectiveConfig(own, global, defaults);
}

/** The rule of `readEffectiveConfig` over rows already read. */
export function effectiveConfig(
  own: StoredConfig | undefined,
  global: StoredConfig | undefined,
  defaults: { level: CompatibilityLevel },
): EffectiveConfig {
  return {
    level: storedLevel(own?.compatibilityLevel) ?? storedLevel(global?.compatibilityLevel) ?? defaults.level,
    policy:
      storedPolicy(own?.compatibilityPolicy) ?? storedPolicy(global?.compatibilityPolicy) ?? DEFAULT_POLICY,
    normalize: own?.normalize ?? global?.normalize ?? false,
  };
}
