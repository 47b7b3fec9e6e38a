import { readFileSync } from 'node:fs';
import {
  EXIT_USAGE,
  type CliContext,
  type CliIo,
  type CommandResult,
  type CommandRunner,
} from './command.ts';

export interface CommandEntry {
  summary: string;
  /** Loaded lazily so that one command never pays for another's modules (parser WASM, drivers). */
  load(): Promise<CommandRunner>;
}

const COMMANDS: Record<string, CommandEntry> = {
  serve: {
    summary: 'Start the registry (the same as `npm start`), configured by environment variables',
    load: async () => (await import('./serve.ts')).serve,
  },
  check: {
    summary: 'Is a schema file compatible with a subject (online, or offline with --against)?',
    load: async () => (await import('./check.ts')).check,
  },
  register: {
    summary: 'Register a schema file under a subject',
    load: async () => (await import('./register.ts')).register,
  },
  diff: {
    summary: 'Every violation between two schema files (JSON Schema, TABLE model or CREATE TABLE), offline',
    load: async () => (await import('./diff.ts')).diff,
  },
  lint: {
    summary: 'Lint migration SQL files or directories with the MG rules, offline',
    load: async () => (await import('./lint.ts')).lint,
  },
  migrate: {
    summary: 'Migrations: new, plan, apply, rollback, status, verify',
    load: async () => (await import('./migrate/index.ts')).migrate,
  },
  changelog: {
    summary: "A catalog's changelog in Markdown",
    load: async () => (await import('./changelog.ts')).changelog,
  },
  keys: {
    summary: 'API keys (admin): create, list, revoke',
    load: async () => (await import('./keys.ts')).keys,
  },
};

const EXIT_CODES =
  'Exit codes: 0 ok; 1 incompatible, lint error, failed migration or verification; 2 usage or configuration error; 3 registry unreachable or auth refused.';

/** The list of commands with their summaries (top-level and `migrate` help share it). */
export function commandList(commands: Record<string, CommandEntry>): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length)) + 4;
  return Object.entries(commands)
    .map(([name, command]) => `  ${name.padEnd(width)}${command.summary}`)
    .join('\n');
}

export function usage(): string {
  return [
    'Usage: schemata <command> [options]',
    '',
    'Commands:',
    commandList(COMMANDS),
    '',
    'Options:',
    '  -h, --help        Show this help (also `schemata <command> --help`)',
    '  -v, --version     Print the version',
    '',
    'Every command takes --format human|json|github|junit. Commands that call the registry take',
    '--registry URL (else $SCHEMATA_URL, else schemata.config.json here or above, else',
    'http://localhost:8081) and --key id:secret (else $SCHEMATA_KEY).',
    EXIT_CODES,
    '',
  ].join('\n');
}

/** Picks a command out of `commands` and runs it; shared by the top level and `migrate`. */
export async function dispatch(
  prefix: string,
  commands: Record<string, CommandEntry>,
  help: () => string,
  argv: readonly string[],
  context: CliContext,
): Promise<CommandResult> {
  const { io } = context;
  const [name, ...args] = argv;
  if (name === '-h' || name === '--help' || name === 'help') {
    io.out.write(help());
    return 0;
  }
  if (name === '-v' || name === '--version') {
    io.out.write(`${packageVersion()}\n`);
    return 0;
  }
  if (name === undefined) {
    io.err.write(help());
    return EXIT_USAGE;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (command === undefined) {
    const what = name.startsWith('-') ? `unknown option '${name}'` : `unknown command '${name}'`;
    io.err.write(`${prefix}: ${what}\n\n${help()}`);
    return EXIT_USAGE;
  }
  try {
    const execute = await command.load();
    return await execute(args, context);
  } catch (error) {
    // Only bugs get here (commands turn what the user can fix into CliErrors): say so, without a stack.
    io.err.write(`${prefix} ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** Runs the CLI for `argv` (without node and script); never calls process.exit itself. */
export async function run(
  argv: readonly string[],
  io: CliIo = { out: process.stdout, err: process.stderr },
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): Promise<CommandResult> {
  return dispatch('schemata', COMMANDS, usage, argv, { io, env, cwd });
}

export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}
