/** The consumer SDK, `schemata/client`: contracts at start-up, local validation, followed changes. */
export {
  createRegistryClient,
  RegistryClient,
  type ChangeEvent,
  type EnvelopeResult,
  type RegistryClientOptions,
  type ValidationIssue,
  type ValidationResult,
} from './registryClient.ts';
export { RegistryClientError } from './http.ts';
export type { Schema } from './contractStore.ts';
export type { VersionedEnvelope } from './versionedEnvelope.ts';
