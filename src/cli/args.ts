import { parseArgs } from 'node:util';
import { usageError } from './command.ts';

/** One option of a command, as parseArgs takes it plus what `--help` prints. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Placeholder in the help text, e.g. `URL`. */
  value?: string;
  description: string;
  /** Allowed values (case-insensitive; the value is upper- or lower-cased to the listed spelling). */
  choices?: readonly string[];
}

export interface CommandSpec {
  /** e.g. `schemata check <file> --subject S [options]`. */
  usage: string;
  summary: string;
  /** Paragraphs after the usage line. */
  description?: string;
  options: Record<string, OptionSpec>;
  /** Positional arguments: at least `min`, at most `max` (unbounded when absent). */
  positionals: { min: number; max?: number; names: string };
  /** What each exit code means for this command. */
  exitCodes: string;
  /** Whether the command talks to a registry (adds --registry and --key to its options). */
  registry?: boolean;
}

export const FORMATS = ['human', 'json', 'github', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

const COMMON: Record<string, OptionSpec> = {
  format: {
    type: 'string',
    value: 'F',
    choices: FORMATS,
    description: 'Output: human (default), json, github, junit',
  },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
};

const REGISTRY: Record<string, OptionSpec> = {
  registry: {
    type: 'string',
    value: 'URL',
    description: 'Registry URL (else $SCHEMATA_URL, else schemata.config.json, else http://localhost:8081)',
  },
  key: { type: 'string', value: 'ID:SECRET', description: 'API key (else $SCHEMATA_KEY)' },
};

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface ParsedCommand {
  values: OptionValues;
  positionals: string[];
  format: Format;
  help: boolean;
}

function allOptions(spec: CommandSpec): Record<string, OptionSpec> {
  return { ...spec.options, ...(spec.registry === true ? REGISTRY : {}), ...COMMON };
}

/** Parses a command's arguments strictly: unknown options, missing values and bad choices are usage errors. */
export function parseCommand(spec: CommandSpec, args: readonly string[]): ParsedCommand {
  const options = allOptions(spec);
  let parsed: { values: OptionValues; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...args],
      options: Object.fromEntries(
        Object.entries(options).map(([name, o]) => [
          name,
          { type: o.type, ...(o.short && { short: o.short }), ...(o.multiple && { multiple: true }) },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    }) as { values: OptionValues; positionals: string[] };
  } catch (error) {
    throw usageError(
      error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error),
    );
  }
  const help = parsed.values['help'] === true;
  if (!help) {
    for (const [name, option] of Object.entries(options)) {
      const value = parsed.values[name];
      if (option.choices !== undefined && typeof value === 'string') {
        parsed.values[name] = choose(name, value, option.choices);
      }
    }
    const { min, max, names } = spec.positionals;
    const count = parsed.positionals.length;
    if (count < min) throw usageError(`missing ${names}`);
    if (max !== undefined && count > max) {
      throw usageError(`unexpected argument '${parsed.positionals[max] ?? ''}'`);
    }
  }
  const format = (parsed.values['format'] as Format | undefined) ?? 'human';
  return { values: parsed.values, positionals: parsed.positionals, format, help };
}

function choose(name: string, value: string, choices: readonly string[]): string {
  const match = choices.find((c) => c.toLowerCase() === value.toLowerCase());
  if (match === undefined) {
    throw usageError(`--${name} must be one of ${choices.join(', ')} (got '${value}')`);
  }
  return match;
}

/** The `--help` text: usage, description, options with their placeholders, exit codes. */
export function helpText(spec: CommandSpec): string {
  const rows = Object.entries(allOptions(spec)).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}`;
    return [flag, o.description + (o.multiple ? ' (repeatable)' : '')] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  return [
    `Usage: ${spec.usage}`,
    '',
    spec.summary,
    ...(spec.description ? ['', spec.description.trim()] : []),
    '',
    'Options:',
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`),
    '',
    'Exit codes:',
    spec.exitCodes.trim(),
    '',
  ].join('\n');
}

/** A string option's value, or undefined. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A repeatable string option's values (empty when absent). */
export function listOption(values: OptionValues, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

/** A string option that must be present. */
export function requiredOption(values: OptionValues, name: string): string {
  const value = stringOption(values, name);
  if (value === undefined || value === '') throw usageError(`--${name} is required`);
  return value;
}

/** A positive integer option (milliseconds, versions, …). */
export function integerOption(values: OptionValues, name: string, fallback: number): number {
  const value = stringOption(values, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw usageError(`--${name} must be a non-negative integer (got '${value}')`);
  }
  return Number(value);
}
