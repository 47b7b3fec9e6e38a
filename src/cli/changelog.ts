import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { requiredOption, stringOption, type CommandSpec } from './args.ts';
import { usageError } from './command.ts';
import { defineCommand } from './define.ts';
import { RegistryClient, segment } from './http.ts';
import { registrySettings } from './settings.ts';

const SPEC: CommandSpec = {
  usage: 'schemata changelog --catalog C [--out FILE]',
  summary: "Prints a catalog's changelog (Markdown, one section per migration), or writes it to FILE.",
  options: {
    catalog: { type: 'string', value: 'C', description: 'The catalog (required)' },
    out: { type: 'string', value: 'FILE', description: 'Write the Markdown here instead of stdout' },
  },
  positionals: { min: 0, max: 0, names: '' },
  registry: true,
  exitCodes: `  0  written
  1  the registry refused (e.g. unknown catalog)
  2  usage or configuration error
  3  registry unreachable or credentials refused`,
};

export const changelog = defineCommand('changelog', SPEC, async ({ values }, context) => {
  const catalog = requiredOption(values, 'catalog');
  const client = new RegistryClient(registrySettings(values, context));
  const markdown = await client.ok(
    'GET',
    `/migrations/${segment(catalog)}/changelog`,
    undefined,
    'text/markdown',
  );
  const text = typeof markdown === 'string' ? markdown : JSON.stringify(markdown, null, 2);
  const out = stringOption(values, 'out');
  if (out !== undefined) {
    try {
      writeFileSync(resolve(context.cwd, out), text.endsWith('\n') ? text : `${text}\n`);
    } catch {
      throw usageError(`cannot write ${out}`);
    }
  }
  return {
    command: 'schemata changelog',
    exitCode: 0,
    cases: [{ name: catalog, failed: false, findings: [] }],
    json: { catalog, ...(out === undefined ? { markdown: text } : { out }) },
    human: () => (out === undefined ? text : `wrote ${out}`),
  };
});
