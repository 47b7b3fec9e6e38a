/**
 * Who is calling and what they may see: the rules of API-key roles and subject prefixes, pure. The HTTP
 * edge builds an `Access` per request (src/http/auth/); services receive it to filter what they read and to
 * record who caused each event.
 */

export const ROLES = ['read', 'write', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** The least role an operation needs (`public` needs no credentials at all). */
export type RequiredRole = Role | 'public';

export interface Access {
  /** The key's id, recorded as the `actor` of every event it causes; null when auth is off. */
  actor: string | null;
  role: Role;
  /** The subject prefixes the key is confined to; null when it sees every subject. */
  prefixes: readonly string[] | null;
}

/** Auth switched off (no ADMIN_KEY): every caller may do everything, and events have no actor. */
export const OPEN_ACCESS: Access = { actor: null, role: 'admin', prefixes: null };

const RANK: Record<Role, number> = { read: 1, write: 2, admin: 3 };

/** Whether `role` is at least `needed`: read < write < admin. */
export function roleAllows(role: Role, needed: RequiredRole): boolean {
  return needed === 'public' || RANK[role] >= RANK[needed];
}

/** Whether the key may see `subject`: it starts with one of the key's prefixes (or the key has none). */
export function seesSubject(access: Pick<Access, 'prefixes'>, subject: string): boolean {
  return access.prefixes === null || access.prefixes.some((prefix) => subject.startsWith(prefix));
}

/**
 * Whether the key may use catalog `catalog`: its table subjects are `<catalog>.<schema>.<table>`, so a key
 * confined to `user-profile.` manages catalog `user-profile` (`C.` must start with one of the prefixes).
 */
export function seesCatalog(access: Pick<Access, 'prefixes'>, catalog: string): boolean {
  return access.prefixes === null || access.prefixes.some((prefix) => `${catalog}.`.startsWith(prefix));
}

/**
 * Whether the key sees an event in the feed and the SSE stream: events of subjects it sees, global config
 * and mode changes, and key events only for an unconfined admin key (the one that may list keys).
 */
export function seesEvent(access: Access, eventType: string, subject: string | null): boolean {
  if (eventType.startsWith('key.')) return access.role === 'admin' && access.prefixes === null;
  return subject === null || seesSubject(access, subject);
}
