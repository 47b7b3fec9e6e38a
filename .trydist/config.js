import { COMPATIBILITY_LEVELS } from "./domain/compatibility/index.js";
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'];
export class ConfigError extends Error {
    problems;
    constructor(problems) {
        super(`invalid configuration:\n  ${problems.join('\n  ')}`);
        this.problems = problems;
        this.name = 'ConfigError';
    }
}
/** Reads and validates the environment; throws a ConfigError naming every bad variable at once. */
export function loadConfig(env = process.env) {
    const problems = [];
    const nonEmpty = (name) => {
        const value = env[name];
        return value === undefined || value.trim() === '' ? undefined : value.trim();
    };
    const integer = (name, fallback, min, max) => {
        const raw = nonEmpty(name);
        if (raw === undefined)
            return fallback;
        if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
            problems.push(`${name}=${JSON.stringify(raw)} must be an integer from ${min} to ${max}`);
            return fallback;
        }
        return Number(raw);
    };
    const url = (name, protocols) => {
        const raw = nonEmpty(name);
        if (raw === undefined)
            return undefined;
        let parsed;
        try {
            parsed = new URL(raw);
        }
        catch {
            parsed = undefined;
        }
        if (parsed === undefined || !protocols.includes(parsed.protocol)) {
            problems.push(`${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
            return undefined;
        }
        return raw;
    };
    const level = (nonEmpty('DEFAULT_COMPATIBILITY') ?? 'BACKWARD').toUpperCase();
    if (!COMPATIBILITY_LEVELS.includes(level)) {
        problems.push(`DEFAULT_COMPATIBILITY=${JSON.stringify(level)} must be one of ${COMPATIBILITY_LEVELS.join(', ')}`);
    }
    const logLevel = (nonEmpty('LOG_LEVEL') ?? 'info').toLowerCase();
    if (!LOG_LEVELS.includes(logLevel)) {
        problems.push(`LOG_LEVEL=${JSON.stringify(logLevel)} must be one of ${LOG_LEVELS.join(', ')}`);
    }
    const maxBodyBytes = integer('MAX_BODY_BYTES', 1_048_576, 1_024, 1_073_741_824);
    const config = {
        port: integer('PORT', 8081, 0, 65535),
        host: nonEmpty('HOST') ?? '0.0.0.0',
        databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
        dataDir: nonEmpty('DATA_DIR') ?? './.schemata',
        redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
        maxBodyBytes,
        maxSchemaBytes: integer('MAX_SCHEMA_BYTES', maxBodyBytes, 64, 1_073_741_824),
        defaultCompatibility: level,
        logLevel: logLevel,
    };
    if (problems.length > 0)
        throw new ConfigError(problems);
    return config;
}
