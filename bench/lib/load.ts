import autocannon from 'autocannon';
import { percentile } from './report.ts';

export interface LoadResult {
  /** Completed requests per second over the measured windows. */
  rps: number;
  p50: number;
  /** Median over the rounds of each round's p99 (autocannon reports whole milliseconds). */
  p99: number;
  /** Requests that did not end in a 2xx answer, plus connection errors and timeouts. */
  failures: number;
  total: number;
  /** Per-round req/s, to show how steady the machine was. */
  rounds: number[];
}

/** A URL and the headers every request to it carries (credentials, for instance). */
export interface LoadTarget {
  url: string;
  headers?: Record<string, string>;
}

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** The measured time is split into this many rounds, interleaved across the servers compared. */
  rounds: number;
}

/**
 * Drives each target with autocannon from this process: one warm-up run per target whose figures are thrown
 * away (JIT, sockets, caches), then `rounds` measured runs per target, interleaved (a, b, c, a, b, c, …) so
 * that noise from other work on the machine is spread over all targets instead of landing on one of them.
 */
export async function compareUnderLoad(
  targets: Array<string | LoadTarget>,
  options: LoadOptions,
): Promise<LoadResult[]> {
  const requests = targets.map((target) => (typeof target === 'string' ? { url: target } : target));
  for (const target of requests) {
    if (options.warmupSeconds > 0)
      await autocannon({ ...target, connections: options.connections, duration: options.warmupSeconds });
  }
  const perRound = Math.max(1, options.durationSeconds / options.rounds);
  const runs: autocannon.Result[][] = requests.map(() => []);
  for (let round = 0; round < options.rounds; round += 1) {
    for (const [i, target] of requests.entries()) {
      runs[i]?.push(await autocannon({ ...target, connections: options.connections, duration: perRound }));
    }
  }
  return runs.map((results) => {
    const total = results.reduce((sum, r) => sum + r.requests.total, 0);
    const seconds = results.reduce((sum, r) => sum + r.duration, 0);
    return {
      rps: total / seconds,
      p50: percentile(
        results.map((r) => r.latency.p50),
        50,
      ),
      p99: percentile(
        results.map((r) => r.latency.p99),
        50,
      ),
      failures: results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
      total,
      rounds: results.map((r) => r.requests.total / r.duration),
    };
  });
}
