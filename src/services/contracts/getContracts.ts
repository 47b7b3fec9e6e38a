import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import { readLiveVersions, type LiveVersionRow } from '../../db/repositories/contracts.ts';
import { readHead } from '../../events/store.ts';
import type { components } from '../../generated/openapi.ts';

type Schema = components['schemas']['Schema'];
export type ContractsResponse = components['schemas']['ContractsResponse'];

/**
 * The live versions of many subjects at once, with the feed position they reflect. Both are read from one
 * snapshot: every event at or below `seq` is already in the contracts, so a consumer following the feed
 * from `seq` misses no change (it may see a change it already has, which is harmless).
 */
export async function getContracts(
  deps: Pick<Deps, 'db' | 'registryId' | 'events'>,
  input: { subjects: string[]; versions?: 'latest' | 'all' | undefined },
): Promise<ContractsResponse> {
  const subjects = [...new Set(input.subjects)];
  const invalid = subjects.find((subject) => subject === '' || /[\u0000-\u001f\u007f]/.test(subject));
  if (invalid !== undefined) {
    throw new DomainError('INVALID_SUBJECT', `The subject name ${JSON.stringify(invalid)} is not valid.`);
  }
  const { seq, rows } = await deps.db.transaction(
    async (tx) => ({ seq: await readHead(tx), rows: await readLiveVersions(tx, subjects) }),
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );

  const bySubject = new Map<string, Schema[]>();
  for (const row of rows) {
    const versions = bySubject.get(row.subject) ?? [];
    versions.push(toSchema(row));
    bySubject.set(row.subject, versions);
  }
  const latestOnly = input.versions === 'latest';
  const contracts = subjects.flatMap((subject) => {
    const versions = bySubject.get(subject);
    if (versions === undefined) return [];
    return [{ subject, versions: latestOnly ? versions.slice(-1) : versions }];
  });
  const missing = subjects.filter((subject) => !bySubject.has(subject));
  const channel = deps.events.eventsChannel;
  return {
    contracts,
    missing,
    seq,
    registry_id: deps.registryId,
    ...(channel === undefined ? {} : { events_channel: channel }),
  };
}

/** The Confluent `Schema` shape: empty references and absent metadata/ruleSet are omitted. */
function toSchema(row: LiveVersionRow): Schema {
  const schema: Schema = {
    subject: row.subject,
    version: row.version,
    id: row.id,
    schemaType: row.schemaType,
    schema: row.schema,
  };
  if (row.references.length > 0) schema.references = row.references;
  if (row.metadata !== null && typeof row.metadata === 'object')
    schema.metadata = row.metadata as Record<string, never>;
  if (row.ruleSet !== null && typeof row.ruleSet === 'object')
    schema.ruleSet = row.ruleSet as Record<string, never>;
  return schema;
}
