import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, STORAGE } from '../helpers/registry.ts';
import { cleanUpProcesses, startRegistryProcess, tempDataDir } from '../process/registryProcess.ts';

/**
 * Patterns in schemas are chosen by whoever registers them. `^(a+)+$` backtracks exponentially on
 * "aaaa…a!" — and the compatibility engine builds documents from one schema's pattern and checks them
 * against the other's. A registry that runs such a check on its event loop stops answering everyone,
 * so these run against a registry in its own process: a test can give up on it without hanging too.
 */
const EVIL = '^(a+)+$';
const NEAR_MISS = `${'a'.repeat(40)}!`;
/** Long enough for any honest check; a registry caught backtracking would need years. */
const ANSWER_WITHIN_MS = 20_000;

let dropDatabase: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanUpProcesses();
  await dropDatabase?.();
  dropDatabase = undefined;
});

async function startIsolatedRegistry(): Promise<string> {
  let storage: Record<string, string>;
  if (STORAGE === 'postgres') {
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    storage = { DATABASE_URL: database.url };
  } else {
    storage = { DATA_DIR: tempDataDir() };
  }
  const registry = await startRegistryProcess(storage);
  return registry.url;
}

async function call(url: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
  }).catch((error: unknown) => {
    throw new Error(`${method} ${path} got no answer (${String(error)}): the registry is stuck`);
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const json = (doc: unknown) => ({ schemaType: 'JSON', schema: JSON.stringify(doc) });

describe('schemas with catastrophic-backtracking patterns', () => {
  it.each([
    {
      name: 'near-miss literal, then evil pattern',
      level: 'BACKWARD',
      registered: { type: 'string', pattern: '^a{40}!$' },
      proposed: { type: 'string', pattern: EVIL },
    },
    {
      name: 'evil pattern, then near-miss (FORWARD)',
      level: 'FORWARD',
      registered: { type: 'string', pattern: EVIL },
      proposed: { type: 'string', pattern: '^a{40}!$' },
    },
    {
      name: 'near-miss enum, then evil pattern',
      level: 'BACKWARD',
      registered: { type: 'string', enum: [NEAR_MISS] },
      proposed: { type: 'string', pattern: EVIL },
    },
    {
      name: 'near-miss key, evil patternProperties',
      level: 'BACKWARD',
      registered: { type: 'object', required: [NEAR_MISS] },
      proposed: { type: 'object', patternProperties: { [EVIL]: { type: 'integer' } } },
    },
  ])(
    '$name: the check and the registration answer, and the registry keeps serving',
    async ({ level, registered, proposed }) => {
      const url = await startIsolatedRegistry();
      const subject = 'redos';
      expect((await call(url, 'PUT', `/config/${subject}`, { compatibility: level })).status).toBe(200);
      expect((await call(url, 'POST', `/subjects/${subject}/versions`, json(registered))).status).toBe(200);

      const verdict = await call(
        url,
        'POST',
        `/compatibility/subjects/${subject}/versions?verbose=true`,
        json(proposed),
      );
      expect(verdict.status).toBe(200);
      expect(typeof verdict.body['is_compatible']).toBe('boolean');
      const registration = await call(url, 'POST', `/subjects/${subject}/versions`, json(proposed));
      expect([200, 409]).toContain(registration.status);
      expect((await call(url, 'GET', '/healthz')).status).toBe(200);
    },
    3 * ANSWER_WITHIN_MS + 30_000,
  );
});
