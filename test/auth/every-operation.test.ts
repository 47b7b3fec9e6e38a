import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleAllows, type Role } from '../../src/domain/access.ts';
import { loadOperations, type OperationSpec } from '../../src/http/openapi.ts';
import { startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { ADMIN, ADMIN_SECRET, basic, createKey, type CreatedKey } from './keys.ts';

/**
 * The shared auth suite: one table row per operation of openapi.yaml (so a route added later joins it by
 * being declared), each request built from the operation's parameter and body examples. For every
 * operation: no key and a wrong key get 401, a role below its x-auth gets 403, and a subject outside the
 * key's prefixes gets 403 for a change and, for a read, exactly the answer for a subject that does not exist.
 */
const operations = loadOperations();
const INSIDE = 'inside-';
const registerExample = operations.find((op) => op.operationId === 'registerSchema')?.body?.example;

describe(`auth on every operation (${STORAGE})`, () => {
  let registry: TestRegistry;
  const keys = {} as Record<
    'read' | 'write' | 'admin' | 'confinedRead' | 'confinedWrite' | 'confinedAdmin',
    CreatedKey
  >;

  beforeAll(async () => {
    registry = await startRegistry({ env: { ADMIN_KEY: ADMIN_SECRET } });
    for (const role of ['read', 'write', 'admin'] as const) {
      keys[role] = await createKey(registry, { role });
      const confined = `confined${role[0]?.toUpperCase()}${role.slice(1)}` as keyof typeof keys;
      keys[confined] = await createKey(registry, { role, subjects: [INSIDE] });
    }
  });
  afterAll(async () => {
    await registry?.close();
  });

  /** The operation's request, its subject parameter (if any) set to `subject`. */
  const requestTo = (op: OperationSpec, subject: string, query = '') => {
    const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const value = name === op.auth.subject ? subject : op.parameters.find((p) => p.name === name)?.example;
      if (value === undefined) throw new Error(`${op.operationId}: path parameter ${name} has no example`);
      return encodeURIComponent(String(value));
    });
    return { method: op.method.toUpperCase(), path: path + query, body: op.body?.example };
  };
  const send = (op: OperationSpec, headers: Record<string, string>, subject = `${INSIDE}x`, query = '') => {
    const { method, path, body } = requestTo(op, subject, query);
    return registry.call(method, path, body, headers);
  };
  const keyWith = (role: Role): CreatedKey => keys[role];

  for (const op of operations) {
    const { role, subject: subjectParam, roleWhen } = op.auth;
    describe(`${op.operationId} (x-auth role ${role})`, () => {
      if (role === 'public') {
        it('answers without credentials', async () => {
          const res = await send(op, {});
          expect(res.status, JSON.stringify(res.body)).toBeLessThan(400);
        });
        return;
      }

      it('refuses a request without credentials with 401/40101 and a Basic challenge', async () => {
        const res = await send(op, {});
        expect(res.status).toBe(401);
        expect(res.body).toMatchObject({ error_code: 40101, message: expect.any(String) });
        expect(res.headers.get('www-authenticate')).toBe('Basic realm="schemata"');
      });

      it('refuses a wrong secret, an unknown key and a malformed header with 401', async () => {
        for (const headers of [
          basic('admin', `${ADMIN_SECRET}x`),
          basic(keys.admin.id, 'not-the-secret'),
          basic('0123456789abcdef', 'whatever'),
          { authorization: 'Bearer sch_bm90LWEta2V5' },
          { authorization: 'Digest abc' },
        ]) {
          const res = await send(op, headers);
          expect(res.status, JSON.stringify(headers)).toBe(401);
          expect(res.body.error_code).toBe(40101);
        }
      });

      const lower = (['read', 'write'] as const).filter((r) => !roleAllows(r, role));
      if (lower.length > 0) {
        it(`refuses the roles below ${role} with 403/40301`, async () => {
          for (const below of lower) {
            const res = await send(op, keyWith(below).headers);
            expect(res.status, below).toBe(403);
            expect(res.body.error_code).toBe(40301);
          }
        });
      }
      for (const [flag, stricter] of Object.entries(roleWhen ?? {})) {
        it(`with ${flag}=true needs role ${stricter} (403/40301 below)`, async () => {
          for (const below of (['read', 'write'] as const).filter((r) => !roleAllows(r, stricter))) {
            const res = await send(op, keyWith(below).headers, `${INSIDE}x`, `?${flag}=true`);
            expect(res.status, below).toBe(403);
            expect(res.body.error_code).toBe(40301);
          }
        });
      }

      const changes = role !== 'read';
      if (subjectParam !== undefined && changes) {
        it('refuses a key confined to other prefixes with 403/40301, even with the role', async () => {
          const confined = role === 'admin' ? keys.confinedAdmin : keys.confinedWrite;
          const res = await send(op, confined.headers, uniqueSubject('outside'));
          expect(res.status).toBe(403);
          expect(res.body.error_code).toBe(40301);
        });
      }
      if (subjectParam === undefined && role === 'admin' && op.auth.catalog === undefined) {
        it('refuses a confined admin key: the operation acts on the whole registry', async () => {
          const res = await send(op, keys.confinedAdmin.headers);
          expect(res.status).toBe(403);
          expect(res.body.error_code).toBe(40301);
        });
      }
      if (subjectParam !== undefined && !changes) {
        it('answers a subject outside the prefixes exactly as a subject that does not exist', async () => {
          const subject = uniqueSubject(`outside-${op.operationId}`);
          const absent = await send(op, ADMIN, subject);
          // Give the subject everything a read could show: a version, its own config and mode.
          const path = `/subjects/${encodeURIComponent(subject)}/versions`;
          expect((await registry.call('POST', path, registerExample, ADMIN)).status).toBe(200);
          await registry.call(
            'PUT',
            `/config/${encodeURIComponent(subject)}`,
            { compatibility: 'FULL' },
            ADMIN,
          );
          await registry.call('PUT', `/mode/${encodeURIComponent(subject)}`, { mode: 'READWRITE' }, ADMIN);
          const seen = await send(op, ADMIN, subject);
          expect(seen.body, 'the subject now exists for an unconfined key').not.toEqual(absent.body);

          const hidden = await send(op, keys.confinedRead.headers, subject);
          expect({ status: hidden.status, body: hidden.body }).toEqual({
            status: absent.status,
            body: absent.body,
          });
        });
      }
    });
  }
});
