/**
 * Work budgets, counted in units of work rather than time, so the same input gets the same verdict on any
 * machine. Any engine (JSON Schema today, others later) spends units on the budget active for the call it
 * is serving; one that runs out throws BudgetExceeded, naming the limit, and its caller decides what that
 * means (a refused schema, an incompatible verdict, a counterexample left out).
 */
export class BudgetExceeded extends Error {
  constructor(
    /** The configured limit that ran out, e.g. 'MAX_CHECK_STEPS'. */
    readonly limit: string,
    readonly units: number,
  ) {
    super(`more than ${units} steps of work (${limit})`);
    this.name = 'BudgetExceeded';
  }
}

export class WorkBudget {
  private used = 0;

  constructor(
    readonly units: number,
    readonly limit: string,
  ) {}

  spend(units = 1): void {
    this.used += units;
    if (this.used > this.units) throw new BudgetExceeded(this.limit, this.units);
  }

  get spent(): number {
    return this.used;
  }
}

// The budget of the synchronous call in progress. Checks run to completion on one thread, so one slot is
// enough; code deep inside an engine spends without every function passing the budget along.
let active: WorkBudget | undefined;

/** Runs `body` with `budget` active (nested calls restore the outer one). */
export function withBudget<T>(budget: WorkBudget, body: () => T): T {
  const outer = active;
  active = budget;
  try {
    return body();
  } finally {
    active = outer;
  }
}

/** Spends on the active budget; free outside `withBudget`. */
export function spend(units = 1): void {
  active?.spend(units);
}

/** Units spent so far on the active budget (0 outside `withBudget`). */
export function spent(): number {
  return active?.spent ?? 0;
}
