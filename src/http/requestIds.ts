import { randomUUID } from 'node:crypto';

/** What an `X-Request-Id` may look like to be taken over (anything else gets a new id). */
const ACCEPTED = /^[\w.:-]{1,128}$/;

/** The caller's `X-Request-Id` when it is sane, else a new UUID. */
export function requestIdFrom(sent: string | string[] | undefined): string {
  return typeof sent === 'string' && ACCEPTED.test(sent) ? sent : randomUUID();
}
