import { DomainError } from '../../domain/errors.ts';
import type { components } from '../../generated/openapi.ts';
import type { Access } from '../../domain/access.ts';
import type { Deps } from '../../deps.ts';
import { parseRegisterRequest, type ParsedSchema } from '../schemas/parseRequest.ts';

export type RegisterSchemaRequest = components['schemas']['RegisterSchemaRequest'];

/**
 * Parses the proposed schema exactly as registration would. With `verbose`, an invalid schema becomes
 * a verdict (`{ invalid: <reason> }`) instead of the 42201 error, which is what Confluent answers.
 */
export async function parseProposed(
  deps: Deps,
  subject: string,
  body: RegisterSchemaRequest,
  options: { normalize: boolean; verbose: boolean; access: Access },
): Promise<ParsedSchema | { invalid: string }> {
  try {
    return await parseRegisterRequest(deps, deps.db, subject, body, {
      normalize: options.normalize,
      access: options.access,
    });
  } catch (error) {
    if (options.verbose && error instanceof DomainError && error.kind === 'INVALID_SCHEMA') {
      return { invalid: error.message };
    }
    throw error;
  }
}
