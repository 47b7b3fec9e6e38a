import { listOption, requiredOption, stringOption, type CommandSpec } from './args.ts';
import { usageError, type CommandRunner } from './command.ts';
import { defineCommand } from './define.ts';
import { RegistryClient, segment } from './http.ts';
import type { Report } from './output/report.ts';
import { registrySettings } from './settings.ts';

const ROLES = ['read', 'write', 'admin'] as const;

const SPEC: CommandSpec = {
  usage:
    'schemata keys create --role R [--subject PREFIX …] [--description D] | keys list | keys revoke <id>',
  summary: 'Manages API keys (needs an admin key).',
  description: `create prints the new key's id and secret once: pass them as --key id:secret or SCHEMATA_KEY.
--subject confines a key to subjects (and catalogs) starting with PREFIX.`,
  options: {
    role: {
      type: 'string',
      value: 'R',
      choices: ROLES,
      description: 'Role of the new key: read, write or admin',
    },
    subject: {
      type: 'string',
      multiple: true,
      value: 'PREFIX',
      description: 'Subject prefix the key is confined to',
    },
    description: { type: 'string', value: 'D', description: 'What the key is for' },
  },
  positionals: { min: 1, max: 2, names: 'an action: create, list or revoke <id>' },
  registry: true,
  exitCodes: `  0  done
  1  the registry refused the request (unknown key id, bad role, …)
  2  usage or configuration error
  3  registry unreachable, credentials refused or not an admin key`,
};

interface ApiKey {
  id: string;
  role: string;
  subjects?: string[] | null;
  description?: string | null;
  secret?: string;
  token?: string;
  createdAt?: string;
}

export const keys: CommandRunner = defineCommand('keys', SPEC, async ({ values, positionals }, context) => {
  const [action, id] = positionals;
  const client = new RegistryClient(registrySettings(values, context));
  if (action === 'create') {
    const role = requiredOption(values, 'role');
    const subjects = listOption(values, 'subject');
    const description = stringOption(values, 'description');
    const key = (await client.ok('POST', '/admin/keys', {
      role,
      ...(subjects.length > 0 && { subjects }),
      ...(description !== undefined && { description }),
    })) as ApiKey;
    return done('create', key, (style) =>
      [
        `created ${key.role} key ${style.bold(key.id)}${scope(key)}`,
        `  secret: ${key.secret ?? ''}  (shown once; use --key ${key.id}:<secret>)`,
      ].join('\n'),
    );
  }
  if (action === 'list') {
    const listed = (await client.ok('GET', '/admin/keys')) as ApiKey[] | { keys: ApiKey[] };
    const all = Array.isArray(listed) ? listed : listed.keys;
    return done('list', all, () =>
      all.length === 0
        ? 'no keys'
        : all
            .map((k) => `${k.id}  ${k.role.padEnd(5)}${scope(k)}${k.description ? `  ${k.description}` : ''}`)
            .join('\n'),
    );
  }
  if (action === 'revoke') {
    if (id === undefined) throw usageError('keys revoke needs the key <id>');
    await client.ok('DELETE', `/admin/keys/${segment(id)}`);
    return done('revoke', { id, revoked: true }, () => `revoked key ${id}`);
  }
  throw usageError(`unknown action '${action ?? ''}' (create, list or revoke)`);
});

const scope = (key: ApiKey): string =>
  key.subjects && key.subjects.length > 0 ? ` for ${key.subjects.map((s) => `${s}*`).join(', ')}` : '';

function done(action: string, json: unknown, human: Report['human']): Report {
  return {
    command: 'schemata keys',
    exitCode: 0,
    cases: [{ name: action, failed: false, findings: [] }],
    json,
    human,
  };
}
