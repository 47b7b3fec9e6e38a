/** Where a command writes; tests pass their own to read what the user would see. */
export interface CliIo {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
}

/**
 * A command's result: an exit code, or `undefined` when it keeps the process alive and ends it itself
 * (`serve` hands the process to the registry, which exits on SIGTERM).
 */
export type CommandResult = number | undefined;

export type CommandRunner = (args: readonly string[], io: CliIo) => Promise<CommandResult>;

/** Exit code for usage and configuration errors (design.md §8). */
export const EXIT_USAGE = 2;
