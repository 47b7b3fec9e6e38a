import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseAuthRule } from '../../src/http/auth/rule.ts';
import { loadOperations, OPENAPI_PATH } from '../../src/http/openapi.ts';

type RawOperation = { operationId: string; 'x-auth'?: unknown; security?: unknown[] };
const doc = parse(readFileSync(OPENAPI_PATH, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
const raw: RawOperation[] = Object.values(doc.paths).flatMap((item) =>
  ['get', 'post', 'put', 'delete']
    .map((method) => item[method] as RawOperation | undefined)
    .filter((op): op is RawOperation => op !== undefined),
);

/** Like the one-handler-per-operation test: no operation can be served without an auth rule. */
describe('x-auth on every operation of openapi.yaml', () => {
  const operations = loadOperations();

  it('is declared, valid, on every operationId', () => {
    const missing = raw.filter((op) => op['x-auth'] === undefined).map((op) => op.operationId);
    expect(missing).toEqual([]);
    expect(operations.map((op) => op.operationId).sort()).toEqual(raw.map((op) => op.operationId).sort());
    for (const op of operations) expect(['public', 'read', 'write', 'admin']).toContain(op.auth.role);
  });

  it('names the subject parameter of every path that has one, so prefixes confine it', () => {
    const unconfined = operations
      .filter((op) => op.path.includes('{subject}') && op.auth.subject !== 'subject')
      .map((op) => op.operationId);
    expect(unconfined).toEqual([]);
  });

  it('is public exactly where the contract asks for no credentials (security: [])', () => {
    for (const op of raw) {
      const isPublic = (op['x-auth'] as { role?: string }).role === 'public';
      expect(Array.isArray(op.security) && op.security.length === 0, op.operationId).toBe(isPublic);
    }
  });

  it('refuses a missing, unknown or inconsistent rule, naming the operation', () => {
    const params = [
      { name: 'subject', in: 'path', type: 'string' },
      { name: 'permanent', in: 'query', type: 'boolean' },
    ];
    expect(
      parseAuthRule({ role: 'write', subject: 'subject', roleWhen: { permanent: 'admin' } }, 'op', params),
    ).toEqual({
      role: 'write',
      subject: 'subject',
      roleWhen: { permanent: 'admin' },
    });
    for (const bad of [
      undefined,
      { role: 'owner' },
      { role: 'read', subject: 'name' },
      { role: 'read', catalog: 'subject', extra: true },
      { role: 'write', roleWhen: { force: 'admin' } },
      { role: 'write', roleWhen: { permanent: 'root' } },
    ]) {
      expect(() => parseAuthRule(bad, 'someOperation', params), JSON.stringify(bad)).toThrow(/someOperation/);
    }
  });
});
