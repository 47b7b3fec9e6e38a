import { DEFAULT_CACHE_MAX_BYTES } from './cache/registryCache.ts';
import {
  COMPATIBILITY_LEVELS,
  DEFAULT_CHECK_LIMITS,
  type CheckLimits,
  type CompatibilityLevel,
} from './domain/compatibility/index.ts';
import { CHECK_LIMIT_VARIABLES } from './domain/compatibility/limits.ts';
import {
  DEFAULT_SCHEMA_LIMITS,
  SCHEMA_LIMIT_VARIABLES,
  type SchemaLimits,
} from './domain/schema/json/limits.ts';

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
  /** Bound of the in-memory schema caches, in (estimated) bytes. */
  cacheMaxBytes: number;
  /** PostgreSQL connections in this instance's pool (the relay's session is one of them). */
  databasePoolMax: number;
  /** How long a database statement may go unanswered before its request fails with 503. */
  databaseTimeoutMs: number;
  /** `/healthz` answers 503 when the database has not answered its probe within this. */
  healthTimeoutMs: number;
  /** The secret of key id `admin` (role admin); auth is on exactly when it is set. */
  adminKey: string | undefined;
  /** Size bounds of a schema and work budgets of a check (each from its MAX_* variable). */
  limits: { schema: SchemaLimits; check: CheckLimits };
  /** The threads that parse and check schemas off the event loop. */
  work: { threads: number; deadlineMs: number; maxQueue: number };
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
  const adminKey = env['ADMIN_KEY'] === undefined || env['ADMIN_KEY'] === '' ? undefined : env['ADMIN_KEY'];
  if (adminKey !== undefined && !/^[\x21-\x7e]{16,512}$/.test(adminKey)) {
    // Never echo the value: it is a secret.
    problems.push('ADMIN_KEY must be 16 to 512 printable ASCII characters without spaces');
  }

  const maxBodyBytes = integer('MAX_BODY_BYTES', 1_048_576, 1_024, 1_073_741_824);
  const limitsFrom = <L extends object>(defaults: L, variables: Record<keyof L, string>): L =>
    Object.fromEntries(
      (Object.keys(defaults) as Array<keyof L & string>).map((key) => [
        key,
        integer(variables[key], defaults[key] as number, 1, 1_000_000_000),
      ]),
    ) as L;
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
    cacheMaxBytes: integer('CACHE_MAX_BYTES', DEFAULT_CACHE_MAX_BYTES, 0, Number.MAX_SAFE_INTEGER),
    // Two at least: the relay keeps one connection reserved, and everything else needs another.
    databasePoolMax: integer('DATABASE_POOL_MAX', 10, 2, 10_000),
    databaseTimeoutMs: integer('DATABASE_TIMEOUT_MS', 5_000, 100, 3_600_000),
    healthTimeoutMs: integer('HEALTH_TIMEOUT_MS', 800, 10, 60_000),
    adminKey,
    limits: {
      schema: limitsFrom(DEFAULT_SCHEMA_LIMITS, SCHEMA_LIMIT_VARIABLES),
      check: limitsFrom(DEFAULT_CHECK_LIMITS, CHECK_LIMIT_VARIABLES),
    },
    work: {
      threads: integer('WORK_THREADS', 1, 0, 64),
      deadlineMs: integer('WORK_DEADLINE_MS', 5_000, 10, 600_000),
      maxQueue: integer('WORK_MAX_QUEUE', 256, 1, 100_000),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
