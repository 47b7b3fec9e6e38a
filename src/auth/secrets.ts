import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Key secrets: generated at random, stored only as an scrypt hash (node:crypto), compared in constant time.
 * A stored hash reads `scrypt$<N>$<r>$<p>$<salt>$<hash>` (base64url), so its cost can change later.
 */

/** 2^14 × 8 × 128 bytes = 16 MiB per hash: the interactive-login cost; the secrets themselves are 256-bit random. */
const COST = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const TOKEN_PREFIX = 'sch_';

/** A new key id: 16 hex digits. */
export function newKeyId(): string {
  return randomBytes(8).toString('hex');
}

/** A new secret: 32 random bytes, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The Bearer token of a key: carries the same `id:secret` pair as HTTP Basic does. */
export function tokenOf(id: string, secret: string): string {
  return `${TOKEN_PREFIX}${Buffer.from(`${id}:${secret}`).toString('base64url')}`;
}

/** The `id:secret` pair inside a token, or undefined when it is not one. */
export function pairInToken(token: string): string | undefined {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const encoded = token.slice(TOKEN_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return undefined;
  return Buffer.from(encoded, 'base64url').toString('utf8');
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(secret, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Whether `secret` matches the stored hash; a malformed hash matches nothing. Constant time in the secret. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64url');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (![cost.N, cost.r, cost.p].every(Number.isSafeInteger) || expected.length !== KEY_LENGTH) return false;
  const actual = await derive(secret, Buffer.from(salt, 'base64url'), cost);
  return timingSafeEqual(actual, expected);
}

/** A hash that no secret matches, verified for unknown key ids so they take as long as known ones. */
export const DECOY_HASH = `scrypt$${COST.N}$${COST.r}$${COST.p}$${'A'.repeat(22)}$${'A'.repeat(43)}`;

/** Constant-time equality of two secrets of any length (compares their SHA-256 digests). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** SHA-256 of a credential: what caches are keyed by, so they never hold a plaintext secret. */
export function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function derive(secret: string, salt: Buffer, cost: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, { ...cost, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error === null ? resolve(key) : reject(error),
    );
  });
}
