import { CliError } from '../command.ts';
import { messageOf, RegistryClient, registryFailure, segment, type RegistryResponse } from '../http.ts';
import type { MigrationFile } from './files.ts';
import type { VerifyResult } from './target.ts';

/** What the catalog stores of a migration (the fields the CLI reads; the catalog returns more). */
export interface StoredMigration {
  version: string;
  description?: string;
  checksum?: string;
}

/** An application record (`POST /migrations/{catalog}/{version}/applications`). */
export interface ApplicationRecord {
  environment: string;
  kind: 'apply' | 'rollback' | 'baseline' | 'repair';
  status: 'applying' | 'applied' | 'failed' | 'rolled_back';
  checksum: string;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  appliedBy?: string;
  statementsApplied?: number;
  error?: string;
  reason?: string;
  verify?: { name: string; passed: boolean; rows: number }[];
}

/** The catalog's refusal of a submission: its message plus the findings and violations it names. */
export interface Refusal {
  status: number;
  message: string;
  findings: { rule: string; message: string; severity?: string; line?: number; column?: number }[];
}

/** The migration catalog's routes (issue 16), as the runner uses them. */
export class CatalogClient {
  constructor(
    private readonly client: RegistryClient,
    readonly catalog: string,
  ) {}

  private path(...parts: (string | number)[]): string {
    return ['/migrations', this.catalog, ...parts].map((p, i) => (i === 0 ? p : segment(p))).join('/');
  }

  /** The body both submit and plan take. */
  static submission(migration: MigrationFile): Record<string, unknown> {
    return {
      version: migration.version,
      description: migration.description,
      up: migration.up,
      ...(migration.down !== undefined && { down: migration.down }),
      transactional: migration.transactional,
      ...(migration.verify.length > 0 && { verify: migration.verify }),
    };
  }

  /** Stores a migration (idempotent for the same checksum); a refusal is returned, not thrown. */
  async submit(migration: MigrationFile): Promise<StoredMigration | Refusal> {
    const response = await this.client.request('POST', this.path(), CatalogClient.submission(migration));
    if (response.status === 200 || response.status === 201) return response.body as StoredMigration;
    if (response.status === 409 || response.status === 422) return refusal(response);
    throw registryFailure(response);
  }

  async plan(migration: MigrationFile): Promise<unknown> {
    const response = await this.client.request(
      'POST',
      this.path('plan'),
      CatalogClient.submission(migration),
    );
    if (response.status === 200) return response.body;
    if (response.status === 409 || response.status === 422) return refusal(response);
    throw registryFailure(response);
  }

  /** The catalog's migrations; an unknown catalog has none. */
  async list(): Promise<StoredMigration[]> {
    const response = await this.client.request('GET', this.path());
    if (response.status === 404) return [];
    if (response.status !== 200) throw registryFailure(response);
    const body = response.body as StoredMigration[] | { migrations?: StoredMigration[] };
    return Array.isArray(body) ? body : (body.migrations ?? []);
  }

  /** Appends an application record; a second `applying` in one environment is refused by the catalog. */
  async record(version: string, record: ApplicationRecord & Record<string, unknown>): Promise<void> {
    const response = await this.client.request('POST', this.path(version, 'applications'), record);
    if (response.status === 200 || response.status === 201) return;
    if (response.status === 409) {
      throw new CliError(
        'failed',
        `the catalog refused to record ${record.status} for version ${version}: ${messageOf(response.body, '')}`,
      );
    }
    throw registryFailure(response);
  }

  async environment(environment: string): Promise<unknown> {
    return this.client.ok('GET', this.path('environments', environment));
  }

  async checks(environment?: string): Promise<unknown> {
    const query = environment === undefined ? '' : `?environment=${encodeURIComponent(environment)}`;
    return this.client.ok('GET', `${this.path('checks')}${query}`);
  }

  async changelog(): Promise<string> {
    const body = await this.client.ok('GET', this.path('changelog'), undefined, 'text/markdown');
    return typeof body === 'string' ? body : JSON.stringify(body);
  }
}

/** Verify results as the catalog records them. */
export const verifyRecord = (results: readonly VerifyResult[]) =>
  results.map(({ name, passed, rows }) => ({ name, passed, rows }));

function refusal(response: RegistryResponse): Refusal {
  const body = (response.body ?? {}) as Record<string, unknown>;
  const list = (value: unknown) => (Array.isArray(value) ? (value as Refusal['findings']) : []);
  const lint = body['lint'] as { findings?: unknown } | undefined;
  return {
    status: response.status,
    message: messageOf(response.body, `refused with ${response.status}`),
    findings: [
      ...list(body['findings']),
      ...list(lint?.findings),
      ...list(body['violations']),
      ...list(body['checks']),
    ],
  };
}

export const isRefusal = (value: unknown): value is Refusal =>
  typeof value === 'object' &&
  value !== null &&
  'findings' in value &&
  'status' in value &&
  'message' in value;
