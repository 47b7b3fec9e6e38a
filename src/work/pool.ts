import { Piscina } from 'piscina';
import { DomainError } from '../domain/errors.ts';
import { runTask, type Outcome, type TaskInput, type TaskName, type TaskOutput } from './tasks.ts';

export interface WorkPoolOptions {
  /** Threads doing the work; 0 runs every task on the calling thread (tests of the domain, tools). */
  threads: number;
  /** Wall-clock backstop per task, from the moment it is queued (the work budgets decide first). */
  deadlineMs: number;
  /** Tasks waiting for a thread beyond which requests are answered 503. */
  maxQueue: number;
}

/** Thrown when a task ran past its deadline: its thread was stopped and replaced. */
export class DeadlineExceeded extends Error {
  constructor(readonly deadlineMs: number) {
    super(`the work ran past its deadline of ${deadlineMs} ms (WORK_DEADLINE_MS)`);
    this.name = 'DeadlineExceeded';
  }
}

/**
 * Parsing and compatibility checks run here, off the event loop, so no request's work can hold up the
 * others (by-id reads, health checks): the loop only hands data over and back. A task that runs past
 * its deadline has its thread terminated and gets DeadlineExceeded.
 */
export class WorkPool {
  private readonly piscina: Piscina | undefined;

  constructor(private readonly options: WorkPoolOptions) {
    this.piscina =
      options.threads === 0
        ? undefined
        : new Piscina({
            filename: new URL('./worker.ts', import.meta.url).href,
            // The thread loads TypeScript sources through the same loader as the process.
            execArgv: ['--import', 'tsx'],
            // Started at the first task (a registry that only serves reads never pays for it), then kept.
            minThreads: 0,
            maxThreads: options.threads,
            idleTimeout: Number.POSITIVE_INFINITY,
            maxQueue: options.maxQueue,
          });
  }

  /**
   * Runs a task; a DomainError it throws is rethrown here as one. `inline`: the caller knows the work is
   * tiny, and a thread hop would cost more than the work (and spread concurrent requests over turns).
   */
  async run<T extends TaskName>(
    name: T,
    input: TaskInput<T>,
    options: { inline?: boolean } = {},
  ): Promise<TaskOutput<T>> {
    const outcome = options.inline === true ? runTask(name, input) : await this.dispatch(name, input);
    if ('error' in outcome) {
      throw new DomainError(outcome.error.kind, outcome.error.message, outcome.error.extra);
    }
    return outcome.ok;
  }

  private async dispatch<T extends TaskName>(name: T, input: TaskInput<T>): Promise<Outcome<TaskOutput<T>>> {
    if (this.piscina === undefined) return runTask(name, input);
    if (this.piscina.queueSize >= this.options.maxQueue) {
      throw new DomainError('UNAVAILABLE', 'The registry is busy checking other schemas; retry later.');
    }
    try {
      return (await this.piscina.run(
        { name, input },
        { signal: AbortSignal.timeout(this.options.deadlineMs) },
      )) as Outcome<TaskOutput<T>>;
    } catch (error) {
      if (isAbort(error)) throw new DeadlineExceeded(this.options.deadlineMs);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.piscina?.close({ force: true });
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
