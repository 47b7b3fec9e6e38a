import { findConfigChain } from "../../db/repositories/configs.js";
import { DEFAULT_POLICY, storedLevel, storedPolicy } from "./configForms.js";
/**
 * The config a check or registration of `subject` runs under (`null` = global). Each field resolves on
 * its own: subject config → global config → server default (policy STRICT, normalize false).
 */
export async function readEffectiveConfig(db, subject, defaults) {
    const { own, global } = await findConfigChain(db, subject);
    return effectiveConfig(own, global, defaults);
}
/** The rule of `readEffectiveConfig` over rows already read. */
export function effectiveConfig(own, global, defaults) {
    return {
        level: storedLevel(own?.compatibilityLevel) ?? storedLevel(global?.compatibilityLevel) ?? defaults.level,
        policy: storedPolicy(own?.compatibilityPolicy) ?? storedPolicy(global?.compatibilityPolicy) ?? DEFAULT_POLICY,
        normalize: own?.normalize ?? global?.normalize ?? false,
    };
}
