import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringOption, type OptionValues } from './args.ts';
import { usageError, type CliContext } from './command.ts';

export const DEFAULT_REGISTRY = 'http://localhost:8081';
export const CONFIG_FILE = 'schemata.config.json';

/** Where the registry is and how to authenticate: what every online command needs. */
export interface RegistrySettings {
  url: string;
  /** The `Authorization` header value, when a key was given. */
  authorization?: string;
}

/**
 * The CLI's own configuration, read from its flags, its environment and `schemata.config.json` (the
 * registry's configuration stays in src/config.ts; the CLI is a different process with other inputs).
 * Order: `--registry`, `$SCHEMATA_URL`, the nearest config file's `registry`, the default.
 */
export function registrySettings(values: OptionValues, context: CliContext): RegistrySettings {
  const url =
    stringOption(values, 'registry') ??
    nonEmpty(context.env['SCHEMATA_URL']) ??
    configFileRegistry(context.cwd) ??
    DEFAULT_REGISTRY;
  const key = stringOption(values, 'key') ?? nonEmpty(context.env['SCHEMATA_KEY']);
  return { url: checkUrl(url), ...(key !== undefined && { authorization: authorizationFor(key) }) };
}

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

function checkUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(`the registry URL '${text}' is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`the registry URL '${text}' must be http or https`);
  }
  return url.toString().replace(/\/+$/, '');
}

/** `id:secret` travels as HTTP Basic (what Confluent clients send); anything else as a Bearer token. */
export function authorizationFor(key: string): string {
  if (key.includes(':')) {
    const [id = ''] = key.split(':', 1);
    if (id === '' || key.length === id.length + 1) throw usageError('the API key must be id:secret');
    return `Basic ${Buffer.from(key, 'utf8').toString('base64')}`;
  }
  return `Bearer ${key}`;
}

/** The `registry` of the nearest `schemata.config.json` in `cwd` or a directory above it. */
function configFileRegistry(cwd: string): string | undefined {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const path = join(dir, CONFIG_FILE);
    if (existsSync(path)) return readConfigFile(path).registry;
    if (dirname(dir) === dir) return undefined;
  }
}

function readConfigFile(path: string): { registry?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw usageError(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw usageError(`${path} must hold a JSON object`);
  }
  const registry = (parsed as Record<string, unknown>)['registry'];
  if (registry !== undefined && typeof registry !== 'string') {
    throw usageError(`${path}: "registry" must be a string`);
  }
  return registry === undefined ? {} : { registry };
}
