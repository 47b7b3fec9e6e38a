/**
 * Domain failures, named in the registry's own words. They know nothing about HTTP:
 * `src/http/errors.ts` maps each kind to a status and Confluent `error_code` in one table.
 */
export type DomainErrorKind =
  | 'SUBJECT_NOT_FOUND'
  | 'VERSION_NOT_FOUND'
  | 'SCHEMA_NOT_FOUND'
  | 'SUBJECT_SOFT_DELETED'
  | 'SUBJECT_NOT_SOFT_DELETED'
  | 'VERSION_SOFT_DELETED'
  | 'VERSION_NOT_SOFT_DELETED'
  | 'SUBJECT_CONFIG_NOT_FOUND'
  | 'SUBJECT_MODE_NOT_FOUND'
  | 'INCOMPATIBLE_SCHEMA'
  | 'INVALID_SCHEMA'
  | 'INVALID_VERSION'
  | 'INVALID_COMPATIBILITY'
  | 'INVALID_MODE'
  | 'OPERATION_NOT_PERMITTED'
  | 'REFERENCE_EXISTS'
  | 'ID_CONFLICT'
  | 'INVALID_SUBJECT'
  | 'SCHEMA_TOO_LARGE'
  | 'BAD_REQUEST'
  | 'EMPTY_BODY'
  | 'ROUTE_NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'BODY_TOO_LARGE'
  | 'UNAVAILABLE'
  | 'OUTCOME_UNKNOWN'
  | 'TIMEOUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'KEY_NOT_FOUND';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** Extra fields rendered beside `error_code` and `message` (e.g. `violations`). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const subjectNotFound = (subject: string) =>
  new DomainError('SUBJECT_NOT_FOUND', `Subject '${subject}' not found.`);
export const versionNotFound = (subject: string, version: number | string) =>
  new DomainError('VERSION_NOT_FOUND', `Version ${version} not found for subject '${subject}'.`);
export const schemaNotFound = (what = 'Schema') => new DomainError('SCHEMA_NOT_FOUND', `${what} not found.`);
