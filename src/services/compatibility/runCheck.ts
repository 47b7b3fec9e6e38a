import type { ComparableSchema, CompatibilityResult, Direction } from '../../domain/compatibility/index.ts';
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
  // Both tasks carry the proposed schema and the compared version(s).
  const { proposed, existing } = input as unknown as {
    proposed: ComparableSchema;
    existing: ComparableSchema | readonly ComparableSchema[];
  };
  const schemas = [proposed, ...[existing].flat()];
  try {
    return await deps.work.run(name, { ...input, limits: deps.config.limits.check } as TaskInput<T>, {
      inline: isTiny(schemas),
    });
  } catch (error) {
    if (!(error instanceof DeadlineExceeded)) throw error;
    const message = `The schema is too complex to check at #: ${error.message}.`;
    return {
      compatible: false,
      violations: [{ rule: 'SCHEMA_TOO_COMPLEX', oldPath: '#', newPath: '#', message, direction }],
    };
  }
}

/**
 * Pairs compared are bounded by the product of the two sides' JSON values: at most INLINE_PAIRS, the check
 * costs well under a millisecond and runs on the loop (most registrations: a small schema against the
 * latest version), which also keeps concurrent registrations in the same turn for group commit.
 */
const INLINE_PAIRS = 4096;

function isTiny(schemas: readonly ComparableSchema[]): boolean {
  if (schemas.some((s) => s.references.size > 0)) return false;
  const [proposed, ...existing] = schemas.map((s) => countValues(s.schema, INLINE_PAIRS + 1));
  const compared = existing.reduce((sum, n) => sum + n, 0);
  return (proposed ?? 0) * compared <= INLINE_PAIRS;
}

/** JSON values in a document, counting stops once past `cap`. */
function countValues(doc: unknown, cap: number): number {
  let count = 0;
  const stack: unknown[] = [doc];
  while (stack.length > 0 && count <= cap) {
    const value = stack.pop();
    count++;
    if (typeof value === 'object' && value !== null) stack.push(...Object.values(value));
  }
  return count;
}
