import {
  directionsOf,
  isTransitive,
  type ComparableSchema,
  type CompatibilityLevel,
  type CompatibilityResult,
  type CompatibilityPolicy,
  type ExistingVersion,
} from '../../domain/compatibility/index.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Queryable } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import type { VersionRef } from '../../db/repositories/registration.ts';
import { loadLiveVersions, loadVersionRefs } from '../schemas/loadLiveVersions.ts';
import { renderConfluentMessages, toWireViolations, type ComparedVersion } from './renderMessages.ts';
import { runCheck } from './runCheck.ts';

export { renderConfluentMessages, toWireViolations } from './renderMessages.ts';

/** The engine's verdict plus what it was computed under, so messages can name the level and old schemas. */
export interface SubjectCompatibilityResult extends CompatibilityResult {
  level: CompatibilityLevel;
  compared: readonly ExistingVersion[];
}

/**
 * The check registration runs: the proposed schema against the subject's live versions (newest first)
 * that `config.level` selects. A subject without live versions, or level NONE, accepts anything.
 */
export async function checkAgainstSubject(
  deps: Deps,
  db: Queryable,
  subject: string,
  proposed: ComparableSchema,
  config: { level: CompatibilityLevel; policy: CompatibilityPolicy },
  /** The latest live version when the caller has read it already (registration does, under the lock). */
  known?: { latest: VersionRef | undefined },
): Promise<SubjectCompatibilityResult> {
  const accepted = { compatible: true, violations: [], level: config.level, compared: [] };
  if (config.level === 'NONE') return accepted;
  // `compared` names exactly the versions the level selects: plain levels see only the latest.
  const selected =
    known !== undefined && !isTransitive(config.level)
      ? await loadVersionRefs(deps, db, known.latest === undefined ? [] : [known.latest])
      : await loadLiveVersions(deps, db, subject, isTransitive(config.level) ? undefined : 1);
  if (selected.length === 0) return accepted;
  const verdict = await runCheck(
    deps,
    'checkSubject',
    {
      level: config.level,
      proposed: comparableOnly(proposed),
      existing: selected.map(versionOnly),
      policy: config.policy,
    },
    directionsOf(config.level)[0] ?? 'BACKWARD',
  );
  return { ...verdict, level: config.level, compared: selected };
}

/** What the check reads of a schema: only this crosses to the work pool's thread. */
export function comparableOnly(schema: ComparableSchema): ComparableSchema {
  const { schemaType, fingerprint, schema: document, references } = schema;
  return { schemaType, fingerprint, schema: document, references };
}

export const versionOnly = (v: ExistingVersion): ExistingVersion => ({
  ...comparableOnly(v),
  version: v.version,
});

/**
 * Register's 409 (kind INCOMPATIBLE_SCHEMA): Confluent's sentence naming the subject with the same
 * `messages` list the verbose check returns, and the structured violations as `extra.violations`.
 */
export function incompatibleError(
  subject: string,
  result: CompatibilityResult & { level?: CompatibilityLevel; compared?: readonly ComparedVersion[] },
): DomainError {
  const compared = result.compared ?? [];
  const violations = toWireViolations(
    result.violations,
    compared.length === 1 ? compared[0]?.version : undefined,
  );
  const details = renderConfluentMessages(violations, result.level, compared);
  return new DomainError(
    'INCOMPATIBLE_SCHEMA',
    `Schema being registered is incompatible with an earlier schema for subject "${subject}", details: [${details.join(', ')}]`,
    { violations },
  );
}
