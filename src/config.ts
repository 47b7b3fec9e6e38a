import { COMPATIBILITY_LEVELS, type CompatibilityLevel } from './domain/compatibility/index.ts';

/** Everything the process reads from its environment; `loadConfig` is the only reader of `process.env`. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  /** Prefix of the Redis channels (`<prefix>:events`); unset → `schemata:<registry id>`. */
  redisChannelPrefix: string | undefined;
  maxBodyBytes: number;
  /** Largest schema text accepted (42209 above it); defaults to MAX_BODY_BYTES. */
  maxSchemaBytes: number;
  defaultCompatibility: CompatibilityLevel;
  logLevel: LogLevel;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the environment; throws a ConfigError naming every bad variable at once. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const nonEmpty = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = nonEmpty(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name}=${JSON.stringify(raw)} must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return Number(raw);
  };
  const url = (name: string, protocols: string[]): string | undefined => {
    const raw = nonEmpty(name);
    if (raw === undefined) return undefined;
    let parsed: URL | undefined;
    try {
      parsed = new URL(raw);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || !protocols.includes(parsed.protocol)) {
      problems.push(`${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
      return undefined;
    }
    return raw;
  };

  const level = (nonEmpty('DEFAULT_COMPATIBILITY') ?? 'BACKWARD').toUpperCase();
  if (!(COMPATIBILITY_LEVELS as readonly string[]).includes(level)) {
    problems.push(
      `DEFAULT_COMPATIBILITY=${JSON.stringify(level)} must be one of ${COMPATIBILITY_LEVELS.join(', ')}`,
    );
  }
  const logLevel = (nonEmpty('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL=${JSON.stringify(logLevel)} must be one of ${LOG_LEVELS.join(', ')}`);
  }

  const channelPrefix = nonEmpty('REDIS_CHANNEL_PREFIX');
  // Channel names are bytes to Redis; the prefix is kept printable so logs and tools show it as written.
  if (channelPrefix !== undefined && !/^[\x21-\x7e]{1,200}$/.test(channelPrefix)) {
    problems.push('REDIS_CHANNEL_PREFIX must be 1 to 200 printable ASCII characters without spaces');
  }

  const maxBodyBytes = integer('MAX_BODY_BYTES', 1_048_576, 1_024, 1_073_741_824);
  const config: Config = {
    port: integer('PORT', 8081, 0, 65535),
    host: nonEmpty('HOST') ?? '0.0.0.0',
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: nonEmpty('DATA_DIR') ?? './.schemata',
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    redisChannelPrefix: channelPrefix,
    maxBodyBytes,
    maxSchemaBytes: integer('MAX_SCHEMA_BYTES', maxBodyBytes, 64, 1_073_741_824),
    defaultCompatibility: level as CompatibilityLevel,
    logLevel: logLevel as LogLevel,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
