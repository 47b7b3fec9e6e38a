import type { Queryable } from '../../db/client.ts';
import { DomainError } from '../../domain/errors.ts';
import { readEffectiveMode, type Mode } from '../mode/readEffectiveMode.ts';

/**
 * Subject names: non-empty, no control characters (the router enforces the same on paths), and no
 * Confluent context prefix (`:.ctx:name`): Schemata has only the default context, and storing such a
 * name literally would put it in the default context under a name its client means differently.
 */
export function assertValidSubject(subject: string): void {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (subject === '' || /[\u0000-\u001f\u007f]/.test(subject)) {
    throw new DomainError('INVALID_SUBJECT', `Invalid subject name ${JSON.stringify(subject)}.`);
  }
  if (CONTEXT_PREFIX.test(subject)) {
    throw new DomainError(
      'INVALID_SUBJECT',
      `Subject ${JSON.stringify(subject)} names a schema context (':.<context>:<subject>'); Schemata has only the default context ('.'), so use the plain subject name.`,
    );
  }
}

/** Confluent's qualified subject form: `:.` then the context name, a colon, the subject. */
const CONTEXT_PREFIX = /^:\.[^:]*(:|$)/;

/** The subject's effective mode, refusing writes in READONLY and READONLY_OVERRIDE (42205). */
export async function assertWritable(db: Queryable, subject: string, action: string): Promise<Mode> {
  const mode = await readEffectiveMode(db, subject);
  refuseReadOnly(subject, mode, action);
  return mode;
}

/** 42205 when `mode` refuses writes. */
export function refuseReadOnly(subject: string, mode: Mode, action: string): void {
  if (mode === 'READONLY' || mode === 'READONLY_OVERRIDE') {
    throw new DomainError(
      'OPERATION_NOT_PERMITTED',
      `Subject '${subject}' is in ${mode} mode; cannot ${action}.`,
    );
  }
}
