import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DomainError, type DomainErrorKind } from './domain/errors.ts';

/** What the pool of database connections can tell about itself (PostgreSQL; see DatabaseHandle.poolStats). */
export interface PoolStats {
  /** Connections the main pool may open. */
  size: number;
  /** Statements outside transactions waiting for their answer (queued ones included). */
  queriesInFlight: number;
  /** Transactions holding a pool connection. */
  transactionsOpen: number;
}

/** Where the gauges read their values when Prometheus scrapes (set once the runtime exists). */
export interface MetricSources {
  outboxLag(): Promise<number>;
  poolStats?(): PoolStats;
}

export type RegistrationOutcome = 'registered' | 'incompatible' | 'invalid' | 'refused' | 'failed';
export type CheckOutcome = 'compatible' | 'incompatible' | 'invalid' | 'failed';

const REQUEST_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The registry's Prometheus metrics (prom-client), one registry per instance so tests and several
 * registries in one process never share counts. The request instruments are bound once per
 * operation and status class: the by-id fast path pays two map lookups, not label hashing.
 */
export class Metrics {
  readonly registry = new Registry();
  private sources: MetricSources | undefined;
  private readonly requests = new Counter({
    name: 'schemata_http_requests_total',
    help: 'HTTP requests answered, by operationId (or "unmatched") and status class.',
    labelNames: ['operation', 'status_class'] as const,
    registers: [this.registry],
  });
  private readonly durations = new Histogram({
    name: 'schemata_http_request_duration_seconds',
    help: 'Time from receiving a request to its response headers, by operationId and status class.',
    labelNames: ['operation', 'status_class'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [this.registry],
  });
  private readonly bound = new Map<string, { count: () => void; time: (seconds: number) => void }>();
  private readonly registrations = new Counter({
    name: 'schemata_registrations_total',
    help: 'Schema registrations (POST /subjects/{subject}/versions) by outcome.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly checks = new Counter({
    name: 'schemata_compatibility_checks_total',
    help: 'Compatibility checks (POST /compatibility/...) by outcome.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly cacheLookups = new Counter({
    name: 'schemata_cache_lookups_total',
    help: 'Lookups of the in-memory schema cache by result (hit or miss).',
    labelNames: ['cache', 'result'] as const,
    registers: [this.registry],
  });
  private readonly schemaHit = this.cacheLookups.labels('schema', 'hit');
  private readonly schemaMiss = this.cacheLookups.labels('schema', 'miss');
  private readonly publishes = new Histogram({
    name: 'schemata_relay_publish_duration_seconds',
    help: 'Time the outbox relay took to publish one batch of events to the bus.',
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
    registers: [this.registry],
  });

  constructor() {
    const sources = () => this.sources;
    new Gauge({
      name: 'schemata_outbox_lag_events',
      help: 'Committed events not yet published (as GET /healthz reports outbox_lag).',
      registers: [this.registry],
      async collect() {
        const lag = await sources()
          ?.outboxLag()
          .catch(() => undefined);
        if (lag !== undefined) this.set(lag);
      },
    });
    const poolGauge = (name: string, help: string, read: (stats: PoolStats) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const stats = sources()?.poolStats?.();
          if (stats !== undefined) this.set(read(stats));
        },
      });
    poolGauge('schemata_db_pool_size', 'Connections the main PostgreSQL pool may open.', (s) => s.size);
    poolGauge(
      'schemata_db_queries_in_flight',
      'Statements outside transactions sent to the pool and not yet answered (queued ones included).',
      (s) => s.queriesInFlight,
    );
    poolGauge(
      'schemata_db_transactions_open',
      'Transactions holding a connection of the main pool.',
      (s) => s.transactionsOpen,
    );
    collectDefaultMetrics({ register: this.registry });
  }

  /** Where the gauges read from; called once the events runtime and database exist. */
  watch(sources: MetricSources): void {
    this.sources = sources;
  }

  observeRequest(operation: string, status: number, seconds: number): void {
    const statusClass = `${Math.floor(status / 100)}xx`;
    const key = `${operation} ${statusClass}`;
    let instruments = this.bound.get(key);
    if (instruments === undefined) {
      const counter = this.requests.labels(operation, statusClass);
      const histogram = this.durations.labels(operation, statusClass);
      instruments = { count: () => counter.inc(), time: (s) => histogram.observe(s) };
      this.bound.set(key, instruments);
    }
    instruments.count();
    instruments.time(seconds);
  }

  registration(outcome: RegistrationOutcome): void {
    this.registrations.labels(outcome).inc();
  }

  compatibilityCheck(outcome: CheckOutcome): void {
    this.checks.labels(outcome).inc();
  }

  schemaCacheLookup(hit: boolean): void {
    (hit ? this.schemaHit : this.schemaMiss).inc();
  }

  relayPublished(seconds: number): void {
    this.publishes.observe(seconds);
  }

  /** The text exposition Prometheus scrapes. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

const INVALID: ReadonlySet<DomainErrorKind> = new Set([
  'INVALID_SCHEMA',
  'SCHEMA_TOO_LARGE',
  'INVALID_SUBJECT',
  'INVALID_VERSION',
  'BAD_REQUEST',
  'EMPTY_BODY',
]);

/** The outcome of a registration that threw. */
export function failedRegistration(error: unknown): RegistrationOutcome {
  if (!(error instanceof DomainError)) return 'failed';
  if (error.kind === 'INCOMPATIBLE_SCHEMA') return 'incompatible';
  if (INVALID.has(error.kind)) return 'invalid';
  return error.kind === 'UNAVAILABLE' || error.kind === 'TIMEOUT' ? 'failed' : 'refused';
}

/** The outcome of a compatibility check that threw. */
export function failedCheck(error: unknown): CheckOutcome {
  return error instanceof DomainError && INVALID.has(error.kind) ? 'invalid' : 'failed';
}
