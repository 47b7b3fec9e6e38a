import type { Access } from '../../domain/access.ts';
import type { Deps } from '../../deps.ts';
import { assertValidSubject } from '../subjects/guards.ts';
import { readEffectiveConfig } from '../config/readEffectiveConfig.ts';
import { checkAgainstSubject } from './checkAgainstSubject.ts';
import { parseProposed, type RegisterSchemaRequest } from './parseProposed.ts';
import {
  invalidSchemaResponse,
  verdictResponse,
  type CompatibilityCheckResponse,
} from './verdictResponse.ts';

/**
 * POST /compatibility/subjects/{s}/versions: exactly the check registration would run — the subject's
 * effective level and policy, against the live versions that level selects. Writes nothing.
 */
export async function checkSubjectCompatibility(
  deps: Deps,
  input: {
    subject: string;
    body: RegisterSchemaRequest;
    normalize: boolean;
    verbose: boolean;
    access: Access;
  },
): Promise<CompatibilityCheckResponse> {
  assertValidSubject(input.subject);
  const config = await readEffectiveConfig(deps.db, input.subject, {
    level: deps.config.defaultCompatibility,
  });
  const proposed = await parseProposed(deps, input.subject, input.body, {
    normalize: input.normalize || config.normalize,
    verbose: input.verbose,
    access: input.access,
  });
  if ('invalid' in proposed) return invalidSchemaResponse(proposed.invalid, input.verbose);
  const result = await checkAgainstSubject(deps, deps.db, input.subject, proposed, config);
  return verdictResponse(result, { level: config.level, compared: result.compared, verbose: input.verbose });
}
