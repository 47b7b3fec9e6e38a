/** Where a command writes; tests pass their own to read what the user would see. */
export interface CliIo {
  out: { write(text: string): unknown; isTTY?: boolean };
  err: { write(text: string): unknown; isTTY?: boolean };
}

/** What a command may read besides its arguments: the environment and the working directory. */
export interface CliContext {
  io: CliIo;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/**
 * A command's result: an exit code, or `undefined` when it keeps the process alive and ends it itself
 * (`serve` hands the process to the registry, which exits on SIGTERM).
 */
export type CommandResult = number | undefined;

export type CommandRunner = (args: readonly string[], context: CliContext) => Promise<CommandResult>;

/** Exit codes (design.md §8): pipelines branch on them, so they never change meaning. */
export const EXIT_OK = 0;
/** Incompatible, lint error, failed migration or failed verification. */
export const EXIT_FAILED = 1;
/** Usage or configuration error. */
export const EXIT_USAGE = 2;
/** The registry is unreachable or refused the credentials. */
export const EXIT_UNREACHABLE = 3;

export type CliErrorKind = 'usage' | 'failed' | 'unreachable';

const EXIT_BY_KIND: Record<CliErrorKind, number> = {
  usage: EXIT_USAGE,
  failed: EXIT_FAILED,
  unreachable: EXIT_UNREACHABLE,
};

/** A failure the user can act on: its message is printed as it is, and its kind picks the exit code. */
export class CliError extends Error {
  constructor(
    readonly kind: CliErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }

  get exitCode(): number {
    return EXIT_BY_KIND[this.kind];
  }
}

export const usageError = (message: string): CliError => new CliError('usage', message);
