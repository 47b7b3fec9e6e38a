import { findModeChain } from '../../db/repositories/modes.ts';
import { seesSubject, type Access } from '../../domain/access.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../../deps.ts';
import { DEFAULT_MODE, storedMode, type Mode } from './readEffectiveMode.ts';

/**
 * GET /mode (never 404: READWRITE when unset) and GET /mode/{s}: the subject's own mode, or 40409 when
 * it has none unless `defaultToGlobal` asks for the inherited one. A subject the key does not see has none.
 */
export async function getMode(
  deps: Deps,
  input: { subject: string | null; defaultToGlobal: boolean; access: Access },
): Promise<{ mode: Mode }> {
  const { own, global } = await findModeChain(deps.db, input.subject);
  const globalMode = storedMode(global) ?? DEFAULT_MODE;
  if (input.subject === null) return { mode: globalMode };
  const ownMode = seesSubject(input.access, input.subject) ? storedMode(own) : undefined;
  if (ownMode !== undefined) return { mode: ownMode };
  if (input.defaultToGlobal) return { mode: globalMode };
  throw new DomainError(
    'SUBJECT_MODE_NOT_FOUND',
    `Subject '${input.subject}' does not have subject-level mode configured.`,
  );
}
