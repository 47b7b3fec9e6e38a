import type { ValidateFunction } from 'ajv';
import { COMPILE_ONE, createAjv, DEFAULT_DRAFT, detectDraft } from '../domain/schema/json/drafts.ts';
import type { components } from '../generated/openapi.ts';
import { RegistryClientError } from './http.ts';

export type Schema = components['schemas']['Schema'];

/** The subject versions a client holds, and their validators, compiled once on first use. */
export class ContractStore {
  private readonly subjects = new Map<string, Map<number, Schema>>();
  private readonly compiled = new Map<string, ValidateFunction>();

  /** Replaces what is held for a subject (an empty list forgets it). */
  replace(subject: string, versions: readonly Schema[]): void {
    for (const key of this.compiled.keys()) if (key.startsWith(`${subject}\u0000`)) this.compiled.delete(key);
    if (versions.length === 0) this.subjects.delete(subject);
    else this.subjects.set(subject, new Map(versions.map((schema) => [schema.version, schema])));
  }

  versions(subject: string): number[] {
    return [...(this.subjects.get(subject)?.keys() ?? [])].sort((a, b) => a - b);
  }

  get(subject: string, version?: number): Schema | undefined {
    const versions = this.subjects.get(subject);
    if (versions === undefined) return undefined;
    return versions.get(version ?? Math.max(...versions.keys()));
  }

  /** Referenced subject versions that are not held yet (they must be fetched before compiling). */
  missingReferences(): { subject: string; version: number }[] {
    const missing = new Map<string, { subject: string; version: number }>();
    for (const versions of this.subjects.values()) {
      for (const schema of versions.values()) {
        for (const ref of schema.references ?? []) {
          if (this.subjects.get(ref.subject)?.has(ref.version) !== true) {
            missing.set(`${ref.subject}\u0000${ref.version}`, { subject: ref.subject, version: ref.version });
          }
        }
      }
    }
    return [...missing.values()];
  }

  /** The validator of a held version, with its references (transitively) added under their names. */
  validator(subject: string, version: number): ValidateFunction {
    const key = `${subject}\u0000${version}`;
    const cached = this.compiled.get(key);
    if (cached !== undefined) return cached;
    const schema = this.get(subject, version);
    if (schema === undefined)
      throw new RegistryClientError(`version ${version} of subject '${subject}' is not loaded`);
    if ((schema.schemaType ?? 'AVRO') !== 'JSON') {
      throw new RegistryClientError(
        `subject '${subject}' holds ${schema.schemaType ?? 'AVRO'} schemas; only JSON validates`,
      );
    }
    try {
      const doc = JSON.parse(schema.schema) as unknown;
      // One ajv per validator: versions of a subject often share an $id, which ajv allows only once.
      const ajv = createAjv(detectDraft(doc) ?? DEFAULT_DRAFT, COMPILE_ONE);
      for (const [name, refDoc] of this.referencedDocs(schema)) ajv.addSchema(refDoc as object, name);
      const validate = ajv.compile(doc as object);
      this.compiled.set(key, validate);
      return validate;
    } catch (error) {
      if (error instanceof RegistryClientError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new RegistryClientError(`cannot compile version ${version} of subject '${subject}': ${reason}`);
    }
  }

  private referencedDocs(root: Schema): Map<string, unknown> {
    const docs = new Map<string, unknown>();
    const pending = [...(root.references ?? [])];
    for (let ref = pending.shift(); ref !== undefined; ref = pending.shift()) {
      if (docs.has(ref.name)) continue;
      const target = this.get(ref.subject, ref.version);
      if (target === undefined) {
        throw new RegistryClientError(
          `reference '${ref.name}' (${ref.subject} v${ref.version}) is not loaded`,
        );
      }
      docs.set(ref.name, JSON.parse(target.schema));
      pending.push(...(target.references ?? []));
    }
    return docs;
  }
}
