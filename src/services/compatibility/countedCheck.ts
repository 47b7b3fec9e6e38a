import type { Deps } from '../../deps.ts';
import { failedCheck } from '../../metrics.ts';
import type { CompatibilityCheckResponse } from './verdictResponse.ts';

/** Runs a compatibility check and counts its outcome in /metrics. */
export async function countedCheck(
  deps: Deps,
  check: () => Promise<CompatibilityCheckResponse>,
): Promise<CompatibilityCheckResponse> {
  try {
    const verdict = await check();
    deps.metrics.compatibilityCheck(verdict.is_compatible ? 'compatible' : 'incompatible');
    return verdict;
  } catch (error) {
    deps.metrics.compatibilityCheck(failedCheck(error));
    throw error;
  }
}
