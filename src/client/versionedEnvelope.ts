/**
 * The versioned message envelope the seed documents recommend: `{"version": "v2", "data": {…}}`, where
 * `v2` names version 2 of the message's subject.
 */
export interface VersionedEnvelope<T = unknown> {
  version: string;
  data: T;
}

/** Reads an envelope's version number; a string explains what is wrong with a malformed one. */
export function readEnvelope(message: unknown): { version: number; data: unknown } | string {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return 'the message is not a versioned envelope ({"version": "v<n>", "data": …})';
  }
  const { version, data } = message as Record<string, unknown>;
  if (!('data' in message)) return 'the envelope has no "data"';
  const match = typeof version === 'string' ? /^v([1-9][0-9]{0,9})$/i.exec(version) : null;
  if (match?.[1] !== undefined) return { version: Number(match[1]), data };
  if (typeof version === 'number' && Number.isSafeInteger(version) && version > 0) return { version, data };
  return `the envelope version ${JSON.stringify(version)} is not of the form "v<n>"`;
}

export function makeEnvelope<T>(version: number, data: T): VersionedEnvelope<T> {
  return { version: `v${version}`, data };
}
