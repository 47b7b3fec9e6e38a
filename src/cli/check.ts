import { listOption, requiredOption, stringOption, type CommandSpec, type OptionValues } from './args.ts';
import { COMPATIBILITY_LEVELS, type CompatibilityLevel } from '../domain/compatibility/index.ts';
import type { CliContext } from './command.ts';
import { usageError } from './command.ts';
import { compareFiles, type FileVerdict } from './compare.ts';
import { defineCommand, exitFor } from './define.ts';
import { RegistryClient, registryFailure, segment } from './http.ts';
import { fetchVersion, parseReferenceFlag, resolveReferencesOnline } from './references.ts';
import {
  comparableOf,
  invalidSchema,
  readHistory,
  readSchemaFile,
  SCHEMA_TYPES,
  type SchemaFile,
  type SchemaType,
} from './schemaFiles.ts';
import { registrySettings } from './settings.ts';
import { humanViolations, violationFindings, type ShownViolation } from './violations.ts';

const SPEC: CommandSpec = {
  usage: 'schemata check <file> --subject S [--level L] [--type JSON|TABLE] [--against <file|dir>]',
  summary: "Checks that a schema file is compatible with a subject's registered versions under its level.",
  description: `Online (default), the registry answers with the subject's own level, exactly as registration
would; --level checks under another level instead (the versions are fetched and compared here, with the
same engine). Offline, --against names the history: one file, or a directory whose schema files are the
versions in name order (oldest first); the level is --level, else BACKWARD.`,
  options: {
    subject: { type: 'string', value: 'S', description: 'Subject (required online)' },
    level: { type: 'string', value: 'L', choices: COMPATIBILITY_LEVELS, description: 'Compatibility level' },
    type: {
      type: 'string',
      value: 'T',
      choices: SCHEMA_TYPES,
      description: 'Schema type (default: from the file)',
    },
    against: { type: 'string', value: 'PATH', description: 'Check offline against this file or directory' },
    reference: {
      type: 'string',
      multiple: true,
      value: 'NAME=SUBJECT:VERSION',
      description: 'A registry reference of the schema (online)',
    },
  },
  positionals: { min: 1, max: 1, names: 'the schema <file>' },
  registry: true,
  exitCodes: `  0  compatible
  1  incompatible, or the file is not a valid schema
  2  usage or configuration error
  3  registry unreachable or credentials refused (online)`,
};

export const check = defineCommand('check', SPEC, async ({ values, positionals }, context) => {
  const type = stringOption(values, 'type') as SchemaType | undefined;
  const level = stringOption(values, 'level') as CompatibilityLevel | undefined;
  const file = readSchemaFile(positionals[0] ?? '', context.cwd, type);
  const against = stringOption(values, 'against');
  const subject = stringOption(values, 'subject');
  let verdict: FileVerdict & { level: string };
  if (against !== undefined) {
    if (listOption(values, 'reference').length > 0)
      throw usageError('--reference needs the registry (no --against)');
    const history = readHistory(against, context.cwd, type ?? file.type);
    const effective = level ?? 'BACKWARD';
    verdict = { ...(await compareFiles(effective, file, history)), level: effective };
  } else {
    verdict = await checkOnline(file, requiredOption(values, 'subject'), level, values, context);
  }
  const name = subject ?? file.path;
  const { compatible, violations } = verdict;
  return {
    command: 'schemata check',
    exitCode: exitFor(!compatible),
    cases: [{ name, failed: !compatible, findings: violationFindings(violations, file.path) }],
    json: { file: file.path, subject: subject ?? null, level: verdict.level, compatible, violations },
    human: (style) =>
      [
        `${file.path}${subject === undefined ? '' : ` → ${subject}`}: ${compatible ? style.green('compatible') : style.red('incompatible')} under ${verdict.level}`,
        ...humanViolations(violations, style),
      ].join('\n'),
  };
});

async function checkOnline(
  file: SchemaFile,
  subject: string,
  level: CompatibilityLevel | undefined,
  values: OptionValues,
  context: CliContext,
): Promise<FileVerdict & { level: string }> {
  const client = new RegistryClient(registrySettings(values, context));
  const references = listOption(values, 'reference').map(parseReferenceFlag);
  if (level !== undefined) return checkOnlineAtLevel(client, file, subject, level, references);
  const body = { schema: file.text, schemaType: file.type, references };
  const response = await client.request(
    'POST',
    `/compatibility/subjects/${segment(subject)}/versions?verbose=true`,
    body,
  );
  if (response.status !== 200) throw registryFailure(response);
  const answer = response.body as {
    is_compatible: boolean;
    messages?: string[];
    violations?: ShownViolation[];
  };
  const violations = answer.violations ?? [];
  // An invalid schema comes back as a verdict whose only message is the reason.
  if (!answer.is_compatible && violations.length === 0 && answer.messages?.[0] !== undefined) {
    violations.push({ rule: 'INVALID_SCHEMA', oldPath: '', newPath: '', message: answer.messages[0] });
  }
  const config = await client.request('GET', `/config/${segment(subject)}?defaultToGlobal=true`);
  const named = (config.body as { compatibilityLevel?: string } | undefined)?.compatibilityLevel;
  return { compatible: answer.is_compatible, violations, level: named ?? "the subject's level" };
}

/** `--level` online: the subject's live versions fetched, compared here with the registry's engine. */
async function checkOnlineAtLevel(
  client: RegistryClient,
  file: SchemaFile,
  subject: string,
  level: CompatibilityLevel,
  references: ReturnType<typeof parseReferenceFlag>[],
): Promise<FileVerdict & { level: string }> {
  const listed = await client.request('GET', `/subjects/${segment(subject)}/versions`);
  if (listed.status === 404) return { compatible: true, violations: [], level };
  if (listed.status !== 200) throw registryFailure(listed);
  const numbers = (listed.body as number[]).slice().sort((a, b) => b - a);
  const wanted = level.endsWith('_TRANSITIVE') ? numbers : numbers.slice(0, 1);
  if (file.type === 'TABLE') {
    const history: SchemaFile[] = [];
    for (const number of wanted.slice().reverse()) {
      const registered = await fetchVersion(client, subject, number);
      history.push({
        path: `${subject} version ${number}`,
        type: 'TABLE',
        text: registered.schema,
        version: number,
      });
    }
    return { ...(await compareFiles(level, file, history)), level };
  }
  const { checkCompatibility } = await import('../domain/compatibility/index.ts');
  const existing = [];
  for (const number of wanted) {
    const registered = await fetchVersion(client, subject, number);
    const resolved = await resolveReferencesOnline(client, registered.references ?? []);
    const old: SchemaFile = {
      path: `${subject} version ${number}`,
      type: file.type,
      text: registered.schema,
    };
    existing.push({ ...(await comparableOf(old, resolved)), version: number });
  }
  const candidate = await comparableOf(file, await resolveReferencesOnline(client, references)).catch(
    (error: unknown) => {
      throw invalidSchema(file, error);
    },
  );
  const verdict = checkCompatibility(level, candidate, existing);
  return { compatible: verdict.compatible, violations: verdict.violations, level };
}
