/** Work budgets of one comparison (one pair, one direction), in engine steps; see src/domain/budget.ts. */
export interface CheckLimits {
  /** Node pairs compared and instances evaluated to reach the verdict; past it, SCHEMA_TOO_COMPLEX. */
  readonly maxCheckSteps: number;
  /** Work spent building and confirming counterexamples; past it, the verdict comes without one. */
  readonly maxCounterexampleSteps: number;
}

export const DEFAULT_CHECK_LIMITS: CheckLimits = {
  maxCheckSteps: 25_000,
  maxCounterexampleSteps: 100_000,
};

/** The environment variable that sets each limit, named in verdicts that hit it. */
export const CHECK_LIMIT_VARIABLES: Record<keyof CheckLimits, string> = {
  maxCheckSteps: 'MAX_CHECK_STEPS',
  maxCounterexampleSteps: 'MAX_COUNTEREXAMPLE_STEPS',
};
