import { EXIT_USAGE, type CliContext, type CommandResult } from './command.ts';

const SERVE_USAGE = `Usage: schemata serve

Starts the registry — the same process as \`npm start\`. It migrates its database, listens, and on
SIGTERM/SIGINT stops accepting, lets in-flight requests finish and exits 0.

Configuration comes from the environment:
  PORT / HOST             listener (default 8081 / 0.0.0.0)
  DATABASE_URL            PostgreSQL connection string; unset → embedded PGlite in DATA_DIR
  DATA_DIR                embedded data directory (default ./.schemata; one process per directory)
  REDIS_URL               Redis for the change bus; unset → in-process bus
  MAX_BODY_BYTES          request body limit (default 1048576; 413 above it)
  DEFAULT_COMPATIBILITY   global level until one is set through /config (default BACKWARD)
  LOG_LEVEL               debug | info | warn | error | silent (default info)

Exits with 2 when a variable is invalid (all bad variables are named), DATA_DIR is in use or PORT is taken.
`;

/** `schemata serve`: runs src/main.ts's `main()`, which owns the process from then on (signals, exit codes). */
export async function serve(args: readonly string[], { io }: CliContext): Promise<CommandResult> {
  if (args.includes('-h') || args.includes('--help')) {
    io.out.write(SERVE_USAGE);
    return 0;
  }
  const [unexpected] = args;
  if (unexpected !== undefined) {
    // Options would be a second source of configuration; the environment is the only one (design.md §1).
    io.err.write(`schemata serve: unexpected argument '${unexpected}'\n\n${SERVE_USAGE}`);
    return EXIT_USAGE;
  }
  const { main } = await import('../main.ts');
  try {
    await main();
  } catch (error) {
    io.err.write(`schemata: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  return undefined;
}
