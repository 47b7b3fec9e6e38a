import { assertValidSubject } from '../subjects/guards.ts';
import { lockSubject } from '../../db/client.ts';
import { findConfig, upsertConfig, type ConfigPatch } from '../../db/repositories/configs.ts';
import type { Access } from '../../domain/access.ts';
import { DomainError } from '../../domain/errors.ts';
import { recordEvent } from '../../events/outbox.ts';
import type { Deps } from '../../deps.ts';
import { parseLevel, parsePolicy, storedLevel, toReadForm, type ConfigWriteForm } from './configForms.ts';

/** The PUT body as openapi.yaml types it: free strings, validated here. */
export interface ConfigWriteBody {
  compatibility?: string;
  compatibilityPolicy?: string;
  normalize?: boolean;
}

/**
 * PUT /config and PUT /config/{s} (the subject need not exist yet): a partial update — absent keys keep
 * their value. Answers the write form echoing what was set, upper-cased.
 */
export async function updateConfig(
  deps: Deps,
  input: { subject: string | null; body: ConfigWriteBody; access: Access },
): Promise<ConfigWriteForm> {
  const { patch, echo } = parseWriteBody(input.body);
  const { subject } = input;
  if (subject !== null) assertValidSubject(subject);
  await deps.db.transaction(async (tx) => {
    // The subject's registrations hold the same lock: a config change waits for one in flight to commit.
    if (subject !== null) await lockSubject(tx, subject);
    const row = await upsertConfig(tx, subject, patch);
    const global = subject === null ? undefined : await findConfig(tx, null);
    const inherited = storedLevel(global?.compatibilityLevel) ?? deps.config.defaultCompatibility;
    await recordEvent(tx, {
      type: 'config.changed',
      subject,
      data: { subject, config: toReadForm(row, inherited) },
      actor: input.access.actor,
    });
  });
  deps.events.committed();
  return echo;
}

/** Validates every key before anything is written, so bad input changes nothing. */
function parseWriteBody(body: ConfigWriteBody): { patch: ConfigPatch; echo: ConfigWriteForm } {
  const patch: ConfigPatch = {};
  const echo: ConfigWriteForm = {};
  if (body.compatibility !== undefined) {
    echo.compatibility = parseLevel(body.compatibility);
    patch.compatibilityLevel = echo.compatibility;
  }
  if (body.compatibilityPolicy !== undefined) {
    echo.compatibilityPolicy = parsePolicy(body.compatibilityPolicy);
    patch.compatibilityPolicy = echo.compatibilityPolicy;
  }
  if (body.normalize !== undefined) {
    echo.normalize = body.normalize;
    patch.normalize = body.normalize;
  }
  if (Object.keys(patch).length === 0) {
    // Most often a body in read form: PUT takes `compatibility`, not `compatibilityLevel`.
    throw new DomainError(
      'INVALID_COMPATIBILITY',
      'The config must set at least one of compatibility, compatibilityPolicy or normalize (e.g. {"compatibility": "FULL"}).',
    );
  }
  return { patch, echo };
}
