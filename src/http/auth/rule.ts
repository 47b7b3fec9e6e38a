import { ROLES, type RequiredRole, type Role } from '../../domain/access.ts';

/**
 * An operation's `x-auth` in openapi.yaml: the least role it needs, and which path parameter names the
 * subject (or catalog) it acts on, so the edge can hold a key to its prefixes. Every operation must have one.
 */
export interface AuthRule {
  role: RequiredRole;
  /** The path parameter holding a subject. */
  subject?: string;
  /** The path parameter holding a catalog (`C` is seen by a key when `C.` starts with one of its prefixes). */
  catalog?: string;
  /** Boolean query parameters that, when true, need a higher role (`permanent=true` deletes need admin). */
  roleWhen?: Readonly<Record<string, Role>>;
}

const REQUIRED_ROLES: readonly string[] = ['public', ...ROLES];

/**
 * Reads and checks an operation's `x-auth`; throws naming the operation when it is missing or wrong, so
 * a route declared without its auth rule cannot be served at all.
 */
export function parseAuthRule(
  raw: unknown,
  operationId: string,
  parameters: ReadonlyArray<{ name: string; in: string; type: string }>,
): AuthRule {
  const fail = (problem: string): never => {
    throw new Error(`openapi.yaml: operation ${operationId} ${problem}`);
  };
  if (typeof raw !== 'object' || raw === null) return fail('has no x-auth');
  const { role, subject, catalog, roleWhen, ...unknown } = raw as Record<string, unknown>;
  if (Object.keys(unknown).length > 0) fail(`has unknown x-auth fields ${Object.keys(unknown).join(', ')}`);
  if (typeof role !== 'string' || !REQUIRED_ROLES.includes(role)) {
    fail(`has x-auth.role ${JSON.stringify(role)}; use one of ${REQUIRED_ROLES.join(', ')}`);
  }
  const rule: AuthRule = { role: role as RequiredRole };
  for (const [field, value] of [
    ['subject', subject],
    ['catalog', catalog],
  ] as const) {
    if (value === undefined) continue;
    if (typeof value !== 'string' || !parameters.some((p) => p.in === 'path' && p.name === value)) {
      fail(`has x-auth.${field} ${JSON.stringify(value)}, which is not one of its path parameters`);
    }
    rule[field] = value as string;
  }
  if (roleWhen !== undefined) {
    if (typeof roleWhen !== 'object' || roleWhen === null)
      return fail('has an x-auth.roleWhen that is not a map');
    for (const [name, stricter] of Object.entries(roleWhen)) {
      if (!parameters.some((p) => p.in === 'query' && p.name === name && p.type === 'boolean')) {
        fail(`has x-auth.roleWhen.${name}, which is not one of its boolean query parameters`);
      }
      if (!ROLES.some((r) => r === stricter)) fail(`has x-auth.roleWhen.${name} ${JSON.stringify(stricter)}`);
    }
    rule.roleWhen = roleWhen as Record<string, Role>;
  }
  return rule;
}
