import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaNumber } from '../events/helpers.ts';
import { REDIS_URL, startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';

/** The value of one sample in Prometheus text, e.g. `name{a="b"}`; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',').filter((l) => l !== '');
    if (wanted.every((w) => have.includes(w)) && have.length === wanted.length) return Number(match[3]);
  }
  return undefined;
}

describe(`GET /metrics after known traffic (${STORAGE})`, () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry({ useRedis: true });
  });
  afterAll(async () => {
    await registry?.close();
  });

  it('counts requests, registrations, checks and cache lookups, with pool, outbox and process metrics', async () => {
    const subject = uniqueSubject('metrics');
    const path = `/subjects/${subject}/versions`;
    const ids: number[] = [];
    for (let n = 0; n < 3; n++) {
      const res = await registry.call('POST', path, {
        schemaType: 'JSON',
        schema: JSON.stringify(schemaNumber(n, subject)),
      });
      expect(res.status).toBe(200);
      ids.push(res.body.id);
    }
    const narrowing = { schemaType: 'JSON', schema: JSON.stringify({ type: 'string' }) };
    expect((await registry.call('POST', path, narrowing)).status).toBe(409);
    expect((await registry.call('POST', path, { schemaType: 'JSON', schema: '{' })).status).toBe(422);
    const check = `/compatibility/subjects/${subject}/versions/latest`;
    expect((await registry.call('POST', check, narrowing)).body.is_compatible).toBe(false);
    const widening = { schemaType: 'JSON', schema: JSON.stringify({ type: 'object' }) };
    expect((await registry.call('POST', check, widening)).body.is_compatible).toBe(true);
    // Over the socket: the first read of an id goes through the app, the next ones take the fast path.
    for (let i = 0; i < 4; i++)
      expect((await fetch(`${registry.url}/schemas/ids/${ids[0]}`)).status).toBe(200);
    expect((await fetch(`${registry.url}/no/such/route`)).status).toBe(404);

    const res = await fetch(`${registry.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    const requests = (operation: string, statusClass: string) =>
      sample(text, 'schemata_http_requests_total', { operation, status_class: statusClass });
    expect(requests('registerSchema', '2xx')).toBe(3);
    expect(requests('registerSchema', '4xx')).toBe(2);
    expect(requests('checkCompatibilityWithVersion', '2xx')).toBe(2);
    expect(requests('getSchemaById', '2xx')).toBe(4);
    expect(requests('unmatched', '4xx')).toBe(1);
    expect(
      sample(text, 'schemata_http_request_duration_seconds_count', {
        operation: 'registerSchema',
        status_class: '2xx',
      }),
    ).toBe(3);
    expect(sample(text, 'schemata_registrations_total', { outcome: 'registered' })).toBe(3);
    expect(sample(text, 'schemata_registrations_total', { outcome: 'incompatible' })).toBe(1);
    expect(sample(text, 'schemata_registrations_total', { outcome: 'invalid' })).toBe(1);
    expect(sample(text, 'schemata_compatibility_checks_total', { outcome: 'compatible' })).toBe(1);
    expect(sample(text, 'schemata_compatibility_checks_total', { outcome: 'incompatible' })).toBe(1);
    expect(
      sample(text, 'schemata_cache_lookups_total', { cache: 'schema', result: 'hit' }),
    ).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'schemata_outbox_lag_events')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    if (STORAGE === 'postgres') {
      expect(sample(text, 'schemata_db_pool_size')).toBe(10);
      expect(sample(text, 'schemata_db_transactions_open')).toBe(0);
      expect(sample(text, 'schemata_db_queries_in_flight')).toBeGreaterThanOrEqual(0);
    }
    if (REDIS_URL !== undefined) {
      expect(sample(text, 'schemata_relay_publish_duration_seconds_count')).toBeGreaterThan(0);
    }
  });
});
