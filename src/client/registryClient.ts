import type { components } from '../generated/openapi.ts';
import { ChangeFollower } from './changeFollower.ts';
import { LEGACY_EVENTS_CHANNEL, subjectOf, type ChangeEvent } from './events.ts';
import { ContractStore, type Schema } from './contractStore.ts';
import { RegistryClientError, RegistryHttp } from './http.ts';
import { makeEnvelope, readEnvelope, type VersionedEnvelope } from './versionedEnvelope.ts';

export type { ChangeEvent } from './events.ts';
type ContractsResponse = components['schemas']['ContractsResponse'];

export interface RegistryClientOptions {
  /** Base URL of the registry, e.g. http://schemata:8081. */
  url: string;
  /** Follow changes over Redis Pub/Sub (needs the optional `ioredis`); otherwise over SSE. */
  redisUrl?: string;
  /** Safety-net feed poll for a lost last message (default 30 s); gaps are otherwise found by seq. */
  pollIntervalMs?: number;
  fetch?: typeof globalThis.fetch;
  /** Background failures (reconnects, refresh errors); the client retries on its own. */
  onError?: (error: unknown) => void;
}

export interface ValidationIssue {
  /** JSON Pointer into the payload. */
  path: string;
  message: string;
  keyword: string;
}

export interface ValidationResult {
  valid: boolean;
  subject: string;
  /** The subject version the payload was checked against (undefined for a malformed envelope). */
  version: number | undefined;
  errors: ValidationIssue[];
}

export interface EnvelopeResult extends ValidationResult {
  data: unknown;
}

/**
 * Creates a consumer's client: `load` contracts once at start-up (one request), then `validate` / `unwrap`
 * locally against cached validators, which follow registry changes (Redis or SSE, gap-checked by seq and
 * filled from the feed). Events may arrive more than once on Redis; they are deduplicated by seq.
 */
export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  return new RegistryClient(options);
}

export class RegistryClient {
  private readonly http: RegistryHttp;
  private readonly store = new ContractStore();
  /** Subjects this client follows, with the versions it asked for. */
  private readonly tracked = new Map<string, 'latest' | 'all'>();
  private readonly handlers = new Set<(event: ChangeEvent) => void | Promise<void>>();
  private follower: ChangeFollower | undefined;
  /** The event being handed to the handlers: its changes are applied, so `position` already counts it. */
  private handling: number | undefined;
  private closed = false;

  constructor(private readonly options: RegistryClientOptions) {
    this.http = new RegistryHttp(options.url, options.fetch ?? globalThis.fetch);
  }

  /** Feed position the client's contracts reflect. */
  get position(): number {
    return Math.max(this.follower?.position ?? 0, this.handling ?? 0);
  }

  /**
   * Fetches the subjects' live versions in one request (`POST /contracts`) and starts following changes
   * from the position they reflect. Referenced subjects outside the set are fetched in a second request.
   */
  async load(
    subjects: string[],
    options: { versions?: 'latest' | 'all' } = {},
  ): Promise<{ missing: string[]; seq: number }> {
    const versions = options.versions ?? 'all';
    const response = await this.fetchContracts(subjects, versions);
    for (const subject of subjects) this.tracked.set(subject, versions);
    await this.loadReferences();
    if (this.follower === undefined && !this.closed) await this.follow(response);
    return { missing: response.missing ?? [], seq: response.seq };
  }

  /** Live version numbers held for a subject, ascending. */
  versions(subject: string): number[] {
    return this.store.versions(subject);
  }

  /** The held schema of a subject version (latest when omitted). */
  schema(subject: string, version?: number): Schema | undefined {
    return this.store.get(subject, version);
  }

  /** Validates a payload against a subject's latest version, or the given one. Throws if it is not loaded. */
  validate(subject: string, payload: unknown, options: { version?: number } = {}): ValidationResult {
    const version = options.version ?? this.latestVersion(subject);
    const validate = this.store.validator(subject, version);
    const valid = validate(payload);
    const errors = (validate.errors ?? []).map((e) => ({
      path: e.instancePath,
      message: e.message ?? 'is invalid',
      keyword: e.keyword,
    }));
    return { valid, subject, version, errors: valid ? [] : errors };
  }

  /** Reads a versioned envelope `{"version": "v2", "data": …}` and validates `data` against that version. */
  unwrap(subject: string, message: unknown): EnvelopeResult {
    const envelope = readEnvelope(message);
    if (typeof envelope === 'string') {
      return { valid: false, subject, version: undefined, data: undefined, errors: [issue(envelope)] };
    }
    if (!this.store.versions(subject).includes(envelope.version)) {
      if (!this.tracked.has(subject)) throw new RegistryClientError(`subject '${subject}' is not loaded`);
      const error = issue(
        `version ${envelope.version} of subject '${subject}' is not a live version held by this client`,
      );
      return { valid: false, subject, version: envelope.version, data: envelope.data, errors: [error] };
    }
    return { ...this.validate(subject, envelope.data, { version: envelope.version }), data: envelope.data };
  }

  /** Wraps outgoing data in the envelope of the latest (or given) version; throws when it does not validate. */
  wrap<T>(subject: string, data: T, options: { version?: number } = {}): VersionedEnvelope<T> {
    const result = this.validate(subject, data, options);
    if (!result.valid) {
      const details = result.errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ');
      throw new RegistryClientError(
        `payload does not match version ${result.version} of '${subject}': ${details}`,
      );
    }
    return makeEnvelope(result.version ?? 0, data);
  }

  /**
   * Calls `handler` for every change to a loaded subject and every global config/mode change, in feed
   * order, after the client's validators reflect it. Returns an unsubscribe function.
   */
  onChange(handler: (event: ChangeEvent) => void | Promise<void>): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** Reads the feed now and resolves once every change up to the head is applied. */
  async sync(): Promise<void> {
    await this.follower?.sync();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.follower?.close();
  }

  private latestVersion(subject: string): number {
    const version = this.store.versions(subject).at(-1);
    if (version === undefined) {
      throw new RegistryClientError(
        this.tracked.has(subject)
          ? `subject '${subject}' has no live version`
          : `subject '${subject}' is not loaded`,
      );
    }
    return version;
  }

  private async fetchContracts(subjects: string[], versions: 'latest' | 'all'): Promise<ContractsResponse> {
    const response = await this.http.post<ContractsResponse>('/contracts', { subjects, versions });
    for (const contract of response.contracts) this.store.replace(contract.subject, contract.versions);
    for (const subject of response.missing ?? []) this.store.replace(subject, []);
    return response;
  }

  private async loadReferences(): Promise<void> {
    // References form a DAG of immutable versions; a few rounds reach its leaves.
    for (let round = 0; round < 16; round++) {
      const missing = this.store.missingReferences().filter((ref) => !this.tracked.has(ref.subject));
      if (missing.length === 0) return;
      const subjects = [...new Set(missing.map((ref) => ref.subject))];
      await this.fetchContracts(subjects, 'all');
      for (const subject of subjects) this.tracked.set(subject, 'all');
    }
  }

  private async follow(contracts: ContractsResponse): Promise<void> {
    const { redisUrl } = this.options;
    // A registry older than the registry id names no channel: it published on the one fixed channel.
    const channel = contracts.events_channel ?? LEGACY_EVENTS_CHANNEL;
    this.follower = new ChangeFollower(this.http, {
      position: contracts.seq,
      redis: redisUrl === undefined ? undefined : { url: redisUrl, channel },
      registryId: contracts.registry_id,
      pollIntervalMs: this.options.pollIntervalMs ?? 30_000,
      apply: (event) => this.apply(event),
      reload: () => this.reloadAll(),
      onError: (error) => this.options.onError?.(error),
    });
    await this.follower.start();
  }

  /** Refreshes the subject's contract, then tells the handlers. A failure retries the event from the feed. */
  private async apply(event: ChangeEvent): Promise<void> {
    const subject = subjectOf(event);
    if (subject !== null && !this.tracked.has(subject)) return;
    if (subject !== null && event.event_type !== 'config.changed' && event.event_type !== 'mode.changed') {
      await this.fetchContracts([subject], this.tracked.get(subject) ?? 'all');
      await this.loadReferences();
    }
    this.handling = event.seq;
    try {
      for (const handler of this.handlers) {
        try {
          await handler(event);
        } catch (error) {
          this.options.onError?.(error);
        }
      }
    } finally {
      this.handling = undefined;
    }
  }

  private async reloadAll(): Promise<number> {
    let seq = Number.POSITIVE_INFINITY;
    for (const versions of ['latest', 'all'] as const) {
      const subjects = [...this.tracked].filter(([, v]) => v === versions).map(([subject]) => subject);
      if (subjects.length > 0) seq = Math.min(seq, (await this.fetchContracts(subjects, versions)).seq);
    }
    await this.loadReferences();
    return Number.isFinite(seq) ? seq : this.position;
  }
}

function issue(message: string): ValidationIssue {
  return { path: '', message, keyword: 'envelope' };
}
