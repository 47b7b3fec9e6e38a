import { listOption, requiredOption, stringOption, type CommandSpec } from './args.ts';
import { CliError } from './command.ts';
import { defineCommand } from './define.ts';
import { messageOf, RegistryClient, registryFailure, segment } from './http.ts';
import { parseReferenceFlag } from './references.ts';
import { readSchemaFile, SCHEMA_TYPES, type SchemaType } from './schemaFiles.ts';
import { registrySettings } from './settings.ts';
import { humanViolations, violationFindings, type ShownViolation } from './violations.ts';

const SPEC: CommandSpec = {
  usage: 'schemata register <file> --subject S [--type JSON|TABLE] [--reference name=subject:version …]',
  summary: 'Registers a schema file as the next version of a subject (idempotent for the same schema).',
  options: {
    subject: { type: 'string', value: 'S', description: 'Subject to register under (required)' },
    type: {
      type: 'string',
      value: 'T',
      choices: SCHEMA_TYPES,
      description: 'Schema type (default: from the file)',
    },
    reference: {
      type: 'string',
      multiple: true,
      value: 'NAME=SUBJECT:VERSION',
      description: 'A registry reference the schema $refs by NAME (version: a number or latest)',
    },
  },
  positionals: { min: 1, max: 1, names: 'the schema <file>' },
  registry: true,
  exitCodes: `  0  registered (or already registered)
  1  incompatible with the subject's level, or refused as invalid
  2  usage or configuration error
  3  registry unreachable or credentials refused`,
};

export const register = defineCommand('register', SPEC, async ({ values, positionals }, context) => {
  const subject = requiredOption(values, 'subject');
  const file = readSchemaFile(
    positionals[0] ?? '',
    context.cwd,
    stringOption(values, 'type') as SchemaType | undefined,
  );
  const references = listOption(values, 'reference').map(parseReferenceFlag);
  const client = new RegistryClient(registrySettings(values, context));
  const body = { schema: file.text, schemaType: file.type, references };
  const response = await client.request('POST', `/subjects/${segment(subject)}/versions`, body);
  const name = `${file.path} → ${subject}`;
  if (response.status === 409 || response.status === 422) {
    const violations = (response.body as { violations?: ShownViolation[] }).violations ?? [];
    const message = messageOf(response.body, `refused with ${response.status}`);
    const findings =
      violations.length > 0
        ? violationFindings(violations, file.path)
        : [
            {
              file: file.path,
              rule: response.status === 409 ? 'INCOMPATIBLE' : 'INVALID_SCHEMA',
              severity: 'error' as const,
              message,
            },
          ];
    return {
      command: 'schemata register',
      exitCode: new CliError('failed', message).exitCode,
      cases: [{ name, failed: true, findings }],
      json: { file: file.path, subject, registered: false, status: response.status, message, violations },
      human: (style) =>
        [`${name}: ${style.red('refused')}: ${message}`, ...humanViolations(violations, style)].join('\n'),
    };
  }
  if (response.status !== 200) throw registryFailure(response);
  const { id } = response.body as { id: number };
  const version = (await client.ok('POST', `/subjects/${segment(subject)}`, body)) as { version?: number };
  return {
    command: 'schemata register',
    exitCode: 0,
    cases: [{ name, failed: false, findings: [] }],
    json: { file: file.path, subject, registered: true, id, version: version.version ?? null },
    human: (style) =>
      `${name}: ${style.green('registered')} as version ${version.version ?? '?'} (schema id ${id})`,
  };
});
