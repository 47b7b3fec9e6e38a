import { directionsOf, type ExistingVersion } from '../../domain/compatibility/index.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Access } from '../../domain/access.ts';
import type { Deps } from '../../deps.ts';
import { assertValidSubject } from '../subjects/guards.ts';
import { readEffectiveConfig } from '../config/readEffectiveConfig.ts';
import { loadVersion } from '../schemas/loadLiveVersions.ts';
import { parseVersionSegment } from '../subjects/params.ts';
import { comparableOnly, versionOnly } from './checkAgainstSubject.ts';
import { parseProposed, type RegisterSchemaRequest } from './parseProposed.ts';
import { runCheck } from './runCheck.ts';
import {
  invalidSchemaResponse,
  verdictResponse,
  type CompatibilityCheckResponse,
} from './verdictResponse.ts';

/**
 * POST /compatibility/subjects/{s}/versions/{v}: the proposed schema against exactly that live version,
 * in the direction(s) of the subject's level — transitivity plays no part. `latest` of a subject with
 * no live version accepts anything; a numeric version that is missing or soft-deleted is 40402
 * (40401 when the subject itself is unknown).
 */
export async function checkVersionCompatibility(
  deps: Deps,
  input: {
    subject: string;
    version: string;
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
  // The router's pattern lets ten digits through: 2147483648 must be 42202, not an integer overflow in SQL.
  const existing = await findTarget(deps, input.subject, parseVersionSegment(input.version));
  const proposed = await parseProposed(deps, input.subject, input.body, {
    normalize: input.normalize || config.normalize,
    verbose: input.verbose,
    access: input.access,
  });
  if ('invalid' in proposed) return invalidSchemaResponse(proposed.invalid, input.verbose);
  const context = { level: config.level, verbose: input.verbose };
  if (existing === undefined || config.level === 'NONE') {
    return verdictResponse({ compatible: true, violations: [] }, { ...context, compared: [] });
  }
  const directions = directionsOf(config.level);
  const verdict = await runCheck(
    deps,
    'checkPair',
    {
      proposed: comparableOnly(proposed),
      existing: versionOnly(existing),
      directions,
      policy: config.policy,
    },
    directions[0] ?? 'BACKWARD',
  );
  return verdictResponse(verdict, { ...context, compared: [existing] });
}

async function findTarget(
  deps: Deps,
  subject: string,
  version: number | 'latest',
): Promise<ExistingVersion | undefined> {
  try {
    return await loadVersion(deps, deps.db, subject, version, false);
  } catch (error) {
    const missing =
      error instanceof DomainError &&
      (error.kind === 'SUBJECT_NOT_FOUND' || error.kind === 'VERSION_NOT_FOUND');
    // Nothing live to compare with: Confluent answers compatible for `latest`.
    if (missing && version === 'latest') return undefined;
    throw error;
  }
}
