import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { requiredOption, type CommandSpec } from '../args.ts';
import { usageError } from '../command.ts';
import { defineCommand } from '../define.ts';

const SPEC: CommandSpec = {
  usage: 'schemata migrate new <description> --dir D',
  summary: 'Writes V<yyyymmddHHMMSS>__<description>.sql and its U… down file from a template.',
  description: 'The version is the current UTC time, so versions sort in the order migrations were written.',
  options: {
    dir: { type: 'string', value: 'D', description: 'Migration directory (created if absent; required)' },
  },
  positionals: { min: 1, names: 'a <description>' },
  exitCodes: `  0  files written
  2  usage error, or a file of that name exists`,
};

/** `add profile table` → `add_profile_table`: Flyway reads the underscores back as spaces. */
export function descriptionSlug(words: readonly string[]): string {
  const slug = words
    .join(' ')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (slug === '') throw usageError('the description needs at least one letter or digit');
  return slug;
}

/** yyyymmddHHMMSS in UTC. */
export function timestampVersion(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

const upTemplate = (description: string) => `-- ${description}
-- Rationale: why this change, and which services it affects.
-- First line \`-- schemata:no-transaction\` runs it outside a transaction (needed for CONCURRENTLY).
-- Verify queries (rows returned = drift) go in the .verify.sql file of the same name.

`;

const downTemplate = (description: string, up: string) => `-- Undoes ${up} (${description}).

`;

export const migrateNew = defineCommand('migrate new', SPEC, async ({ values, positionals }, context) => {
  const dir = requiredOption(values, 'dir');
  const slug = descriptionSlug(positionals);
  const version = timestampVersion(new Date());
  const path = resolve(context.cwd, dir);
  mkdirSync(path, { recursive: true });
  const up = `V${version}__${slug}.sql`;
  const down = `U${version}__${slug}.sql`;
  for (const name of [up, down]) {
    if (existsSync(join(path, name))) throw usageError(`${name} exists already`);
  }
  const description = slug.replaceAll('_', ' ');
  writeFileSync(join(path, up), upTemplate(description), { flag: 'wx' });
  writeFileSync(join(path, down), downTemplate(description, up), { flag: 'wx' });
  const files = [up, down].map((name) => relative(context.cwd, join(path, name)));
  return {
    command: 'schemata migrate new',
    exitCode: 0,
    cases: [{ name: up, failed: false, findings: [] }],
    json: { version, description, files },
    human: () => files.map((file) => `created ${file}`).join('\n'),
  };
});
