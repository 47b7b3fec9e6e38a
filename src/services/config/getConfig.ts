import { seesSubject, type Access } from '../../domain/access.ts';
import { DomainError } from '../../domain/errors.ts';
import { findConfigChain } from '../../db/repositories/configs.ts';
import type { Deps } from '../../deps.ts';
import { toReadForm, type ConfigReadForm } from './configForms.ts';

/**
 * GET /config and GET /config/{s}. The global form never 404s (server default when unset). A subject
 * answers its OWN config or 40408 — kafkajs reads that 404 as "first registration" — unless
 * `defaultToGlobal` asks for the effective config (each field: subject → global → default). A subject the
 * key does not see has no config of its own, as if it did not exist.
 */
export async function getConfig(
  deps: Deps,
  input: { subject: string | null; defaultToGlobal: boolean; access: Access },
): Promise<ConfigReadForm> {
  const chain = await findConfigChain(deps.db, input.subject);
  const { global } = chain;
  const own = input.subject !== null && seesSubject(input.access, input.subject) ? chain.own : undefined;
  const globalForm = toReadForm(
    global ?? { compatibilityLevel: null, compatibilityPolicy: null, normalize: null },
    deps.config.defaultCompatibility,
  );
  if (input.subject === null) return globalForm;
  if (own === undefined) {
    if (input.defaultToGlobal) return globalForm;
    throw new DomainError(
      'SUBJECT_CONFIG_NOT_FOUND',
      `Subject '${input.subject}' does not have subject-level compatibility configured.`,
    );
  }
  const ownForm = toReadForm(own, globalForm.compatibilityLevel);
  return input.defaultToGlobal ? { ...globalForm, ...ownForm } : ownForm;
}
