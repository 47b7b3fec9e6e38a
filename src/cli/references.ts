import type { SchemaReference } from '../domain/schema/json/references.ts';
import { usageError } from './command.ts';
import { RegistryClient, registryFailure, segment } from './http.ts';

/** `--reference name=subject:version` (version an integer or `latest`) → a registry reference. */
export function parseReferenceFlag(flag: string): SchemaReference {
  const eq = flag.indexOf('=');
  const colon = flag.lastIndexOf(':');
  const name = flag.slice(0, eq);
  const subject = flag.slice(eq + 1, colon);
  const versionText = flag.slice(colon + 1);
  const version = versionText === 'latest' ? -1 : Number(versionText);
  if (eq <= 0 || colon <= eq + 1 || !(version === -1 || (Number.isInteger(version) && version > 0))) {
    throw usageError(`--reference must be name=subject:version (got '${flag}')`);
  }
  return { name, subject, version };
}

/** A registered version as `GET /subjects/{s}/versions/{v}` answers it. */
export interface RegisteredVersion {
  subject: string;
  version: number;
  schema: string;
  schemaType?: string;
  references?: SchemaReference[];
}

const MAX_DEPTH = 32;

export async function fetchVersion(
  client: RegistryClient,
  subject: string,
  version: number | 'latest',
): Promise<RegisteredVersion> {
  const response = await client.request('GET', `/subjects/${segment(subject)}/versions/${segment(version)}`);
  if (response.status !== 200) throw registryFailure(response);
  return response.body as RegisteredVersion;
}

/**
 * Each reference's document and, transitively, those of its own references, fetched from the registry
 * (the map `parseSchema` takes; registration resolves the same way from its database).
 */
export async function resolveReferencesOnline(
  client: RegistryClient,
  references: readonly SchemaReference[],
  resolved = new Map<string, unknown>(),
  depth = 0,
): Promise<Map<string, unknown>> {
  if (depth > MAX_DEPTH) throw usageError(`references nest deeper than ${MAX_DEPTH} levels`);
  for (const ref of references) {
    const target = await fetchVersion(client, ref.subject, ref.version === -1 ? 'latest' : ref.version);
    resolved.set(ref.name, JSON.parse(target.schema) as unknown);
    await resolveReferencesOnline(client, target.references ?? [], resolved, depth + 1);
  }
  return resolved;
}
