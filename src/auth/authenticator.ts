import type { Database } from '../db/client.ts';
import { findKey, touchKey } from '../db/repositories/apiKeys.ts';
import { ROLES, type Access, type Role } from '../domain/access.ts';
import type { Logger } from '../logger.ts';
import { credentialsOf } from './credentials.ts';
import { DECOY_HASH, digest, sameSecret, verifySecret } from './secrets.ts';

/** The key id of ADMIN_KEY's secret. */
export const ADMIN_KEY_ID = 'admin';

/** Verified credentials are trusted this long before scrypt runs again (revocation drops them at once). */
const VERIFIED_TTL_MS = 10 * 60_000;
/** Refused credentials are refused without a new scrypt for this long: repeating a bad key costs nothing. */
const REFUSED_TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;
/** `last_used_at` is written at most this often per key. */
const TOUCH_INTERVAL_MS = 60_000;

interface Verified {
  access: Access;
  expires: number;
}

/**
 * Turns an `Authorization` header into an `Access`. Secrets are checked with scrypt once; after that the
 * header's SHA-256 digest (never the plaintext) maps to the verified access, so the hot paths (the by-id
 * fast path included) pay one hash and one map lookup. A revoked key is forgotten through its `key.revoked`
 * event, which every instance's event subscription delivers.
 */
export class Authenticator {
  private readonly verified = new Map<string, Verified>();
  private readonly refused = new Map<string, number>();
  private readonly pending = new Map<string, Promise<Access | undefined>>();
  private readonly touched = new Map<string, number>();
  /** Ids are never reused: a verification that raced a revocation must not cache the revoked key. */
  private readonly revoked = new Set<string>();

  constructor(
    private readonly options: {
      db: Database;
      adminKey: string | undefined;
      logger: Logger;
      now?: () => number;
    },
  ) {}

  /** Auth is on exactly when ADMIN_KEY is set. */
  get enabled(): boolean {
    return this.options.adminKey !== undefined;
  }

  /** The access of credentials verified recently; undefined when they must be (re)checked. */
  cached(header: string): Access | undefined {
    const entry = this.verified.get(cacheKey(header));
    if (entry === undefined || entry.expires <= this.now()) return undefined;
    if (entry.access.actor !== null) this.touch(entry.access.actor);
    return entry.access;
  }

  /** The access the header grants, or undefined for missing, malformed, unknown or wrong credentials. */
  async authenticate(header: string | undefined): Promise<Access | undefined> {
    if (header === undefined) return undefined;
    const hit = this.cached(header);
    if (hit !== undefined) return hit;
    const key = cacheKey(header);
    if ((this.refused.get(key) ?? 0) > this.now()) return undefined;
    // Concurrent first requests with the same credentials share one scrypt.
    let verifying = this.pending.get(key);
    if (verifying === undefined) {
      verifying = this.verify(header).finally(() => this.pending.delete(key));
      this.pending.set(key, verifying);
    }
    const verified = await verifying;
    const access = verified?.actor != null && this.revoked.has(verified.actor) ? undefined : verified;
    if (access === undefined) remember(this.refused, key, this.now() + REFUSED_TTL_MS);
    else {
      remember(this.verified, key, { access, expires: this.now() + VERIFIED_TTL_MS });
      if (access.actor !== null) this.touch(access.actor);
    }
    return access;
  }

  /** Drops every verified credential of a key (it was revoked). */
  forget(keyId: string): void {
    for (const [key, entry] of this.verified) if (entry.access.actor === keyId) this.verified.delete(key);
    this.touched.delete(keyId);
    this.revoked.add(keyId);
    if (this.revoked.size > MAX_ENTRIES) this.revoked.delete(this.revoked.values().next().value ?? keyId);
  }

  /** Drops everything (the event stream had a gap: a revocation may have been missed). */
  reset(): void {
    this.verified.clear();
    this.refused.clear();
  }

  private async verify(header: string): Promise<Access | undefined> {
    const credentials = credentialsOf(header);
    if (credentials === undefined) return undefined;
    const { adminKey } = this.options;
    if (credentials.id === ADMIN_KEY_ID) {
      return adminKey !== undefined && sameSecret(credentials.secret, adminKey)
        ? { actor: ADMIN_KEY_ID, role: 'admin', prefixes: null }
        : undefined;
    }
    const row = /^[0-9a-f]{16}$/.test(credentials.id)
      ? await findKey(this.options.db, credentials.id)
      : undefined;
    // An unknown id costs the same scrypt as a known one, so timing does not tell which ids exist.
    const matches = await verifySecret(credentials.secret, row?.secretHash ?? DECOY_HASH);
    const role = ROLES.find((r): r is Role => r === row?.role);
    if (row === undefined || !matches || role === undefined) return undefined;
    return { actor: row.id, role, prefixes: row.subjects };
  }

  private touch(keyId: string): void {
    if (keyId === ADMIN_KEY_ID) return;
    const now = this.now();
    if (now - (this.touched.get(keyId) ?? 0) < TOUCH_INTERVAL_MS) return;
    remember(this.touched, keyId, now);
    touchKey(this.options.db, keyId, new Date(now)).catch((error: unknown) =>
      this.options.logger.debug('could not record the use of a key', { keyId, error: String(error) }),
    );
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}

const cacheKey = (header: string): string => digest(header).toString('base64');

/** Map insertion order makes the first key the oldest: past the bound, drop it. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_ENTRIES) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}
