import { pairInToken } from './secrets.ts';

/** A key id and the secret presented for it. */
export interface Credentials {
  id: string;
  secret: string;
}

/**
 * The credentials an `Authorization` header carries: HTTP Basic `id:secret` (what the Confluent clients send
 * for `basic.auth.user.info` and kafkajs's `auth`) or `Bearer <token>`. Undefined for anything else.
 */
export function credentialsOf(header: string): Credentials | undefined {
  const space = header.indexOf(' ');
  if (space === -1) return undefined;
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  let pair: string | undefined;
  if (scheme === 'basic' && /^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
    pair = Buffer.from(value, 'base64').toString('utf8');
  } else if (scheme === 'bearer') {
    pair = pairInToken(value);
  }
  const colon = pair?.indexOf(':') ?? -1;
  if (pair === undefined || colon < 1) return undefined;
  return { id: pair.slice(0, colon), secret: pair.slice(colon + 1) };
}
