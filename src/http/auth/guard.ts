import type { Context } from 'hono';
import {
  OPEN_ACCESS,
  roleAllows,
  seesCatalog,
  seesSubject,
  type Access,
  type RequiredRole,
} from '../../domain/access.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../../deps.ts';
import '../context.ts';
import { requestHeader } from '../headers.ts';
import type { OperationSpec } from '../openapi.ts';
import type { AuthRule } from './rule.ts';

/** What a public operation's handler may see when auth is on: no subject at all. */
const PUBLIC_ACCESS: Access = { actor: null, role: 'read', prefixes: [] };

/**
 * The edge's auth, run for every operation before its input is read (an unauthorised request costs no
 * body parsing): 401 without valid credentials, 403 for a role below the operation's `x-auth`, and 403
 * for a change (any operation needing write or admin) to a subject or catalog outside the key's prefixes,
 * or to the registry as a whole (admin operations without one) by a confined key. Reads of a subject
 * outside the prefixes are let through: the handler answers them as for a subject that does not exist.
 */
export async function authorize(c: Context, spec: OperationSpec, deps: Deps): Promise<Access> {
  const rule = spec.auth;
  if (!deps.auth.enabled) return OPEN_ACCESS;
  if (rule.role === 'public') return PUBLIC_ACCESS;
  const access = await deps.auth.authenticate(requestHeader(c, 'authorization'));
  if (access === undefined) {
    throw new DomainError(
      'UNAUTHENTICATED',
      'Missing or invalid credentials: send HTTP Basic <key id>:<secret> or Authorization: Bearer <token>.',
    );
  }
  const keyId = access.actor ?? 'anonymous';
  c.set('keyId', keyId);
  const needed = requiredRole(rule, c);
  if (!roleAllows(access.role, needed)) {
    throw new DomainError(
      'FORBIDDEN',
      `Key '${keyId}' has role ${access.role}; ${spec.operationId} needs role ${needed}.`,
    );
  }
  if (needed === 'read' || access.prefixes === null) return access;
  const subject = rule.subject === undefined ? undefined : c.req.param(rule.subject);
  const catalog = rule.catalog === undefined ? undefined : c.req.param(rule.catalog);
  if (subject !== undefined && !seesSubject(access, subject)) {
    throw new DomainError('FORBIDDEN', `Key '${keyId}' may not use subject '${subject}' for this operation.`);
  }
  if (catalog !== undefined && !seesCatalog(access, catalog)) {
    throw new DomainError('FORBIDDEN', `Key '${keyId}' may not use catalog '${catalog}' for this operation.`);
  }
  if (needed === 'admin' && subject === undefined && catalog === undefined) {
    throw new DomainError(
      'FORBIDDEN',
      `Key '${keyId}' is confined to subject prefixes; ${spec.operationId} acts on the whole registry.`,
    );
  }
  return access;
}

/** The operation's role, raised by a `roleWhen` boolean query parameter set to true (any case, as Confluent reads it). */
function requiredRole(rule: AuthRule, c: Context): RequiredRole {
  let needed = rule.role;
  for (const [name, stricter] of Object.entries(rule.roleWhen ?? {})) {
    const raised = needed === 'public' || !roleAllows(needed, stricter);
    if (raised && c.req.query(name)?.toLowerCase() === 'true') needed = stricter;
  }
  return needed;
}
