import type { CommandRunner } from '../command.ts';
import { commandList, dispatch, type CommandEntry } from '../index.ts';

const COMMANDS: Record<string, CommandEntry> = {
  new: {
    summary: 'Write V<yyyymmddHHMMSS>__<description>.sql and its U… down file',
    load: async () => (await import('./new.ts')).migrateNew,
  },
  plan: {
    summary: 'Lint and plan the pending files against the catalog',
    load: async () => (await import('./plan.ts')).plan,
  },
  apply: {
    summary: "Run the pending migrations against the service's database, recording each in the catalog",
    load: async () => (await import('./apply.ts')).apply,
  },
  rollback: {
    summary: 'Run down scripts newest first, recording each with its reason',
    load: async () => (await import('./rollback.ts')).rollback,
  },
  status: {
    summary: 'Compare the directory, the catalog and the database',
    load: async () => (await import('./status.ts')).status,
  },
  verify: {
    summary: 'Run the verify queries alone (dual-write drift)',
    load: async () => (await import('./verify.ts')).verify,
  },
};

const usage = (): string =>
  [
    'Usage: schemata migrate <command> [options]',
    '',
    'Commands:',
    commandList(COMMANDS),
    '',
    'Run `schemata migrate <command> --help` for its options.',
    '',
  ].join('\n');

/** `schemata migrate …`: dispatches to its own commands. */
export const migrate: CommandRunner = (args, context) =>
  dispatch('schemata migrate', COMMANDS, usage, args, context);
