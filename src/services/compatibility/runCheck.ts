import type { CompatibilityResult, Direction } from '../../domain/compatibility/index.ts';
import type { Deps } from '../../deps.ts';
import type { TaskInput } from '../../work/tasks.ts';
import { DeadlineExceeded } from '../../work/pool.ts';

type CheckTask = 'checkSubject' | 'checkPair';

/**
 * Runs a compatibility check in the work pool under the configured budgets. A check that runs past the
 * deadline is an incompatible verdict (SCHEMA_TOO_COMPLEX naming the deadline), like one that exhausts
 * its step budget: the registry never accepts what it could not finish checking.
 */
export async function runCheck<T extends CheckTask>(
  deps: Deps,
  name: T,
  input: Omit<TaskInput<T>, 'limits'>,
  direction: Direction,
): Promise<CompatibilityResult> {
  try {
    return await deps.work.run(name, { ...input, limits: deps.config.limits.check } as TaskInput<T>);
  } catch (error) {
    if (!(error instanceof DeadlineExceeded)) throw error;
    const message = `The schema is too complex to check at #: ${error.message}.`;
    return {
      compatible: false,
      violations: [{ rule: 'SCHEMA_TOO_COMPLEX', oldPath: '#', newPath: '#', message, direction }],
    };
  }
}
