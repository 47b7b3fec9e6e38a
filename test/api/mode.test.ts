import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../src/db/schema.ts';
import { schemaText, startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';

describe(`mode endpoints (${STORAGE})`, () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry?.close();
  });

  const call = (method: string, path: string, body?: unknown) => registry.call(method, path, body);
  const register = (subject: string, doc: unknown = { type: 'string' }) =>
    call('POST', `/subjects/${encodeURIComponent(subject)}/versions`, {
      schemaType: 'JSON',
      schema: schemaText(doc),
    });
  const modeEvents = (subject: string | null) =>
    registry.deps.db
      .select({ data: events.data })
      .from(events)
      .where(
        and(
          eq(events.eventType, 'mode.changed'),
          subject === null ? isNull(events.subject) : eq(events.subject, subject),
        ),
      )
      .orderBy(events.id);

  describe('global mode', () => {
    it('is READWRITE until set', async () => {
      const res = await call('GET', '/mode');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ mode: 'READWRITE' });
    });

    it('enters IMPORT without force while the registry has no subjects', async () => {
      const put = await call('PUT', '/mode', { mode: 'IMPORT' });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({ mode: 'IMPORT' });
      expect((await call('DELETE', '/mode')).body).toEqual({ mode: 'IMPORT' });
    });

    it('echoes the mode on PUT (any case in, upper case out) and answers the previous one on DELETE', async () => {
      expect((await call('PUT', '/mode', { mode: 'readonly' })).body).toEqual({ mode: 'READONLY' });
      expect((await call('GET', '/mode')).body).toEqual({ mode: 'READONLY' });
      expect((await call('DELETE', '/mode')).body).toEqual({ mode: 'READONLY' });
      expect((await call('GET', '/mode')).body).toEqual({ mode: 'READWRITE' });
      expect((await call('DELETE', '/mode')).body).toEqual({ mode: 'READWRITE' });
    });

    it('records mode.changed events, null mode when deleted', async () => {
      await call('PUT', '/mode', { mode: 'READONLY_OVERRIDE' });
      await call('DELETE', '/mode');
      const rows = await modeEvents(null);
      expect(rows.slice(-2).map((r) => r.data)).toEqual([
        { subject: null, mode: 'READONLY_OVERRIDE', actor: null },
        { subject: null, mode: null, actor: null },
      ]);
    });

    it.each([
      [{ mode: 'READ_MOSTLY' }, 422, 42204],
      [{ mode: '' }, 422, 42204],
      [{}, 422, 42204],
      [{ mode: 1 }, 400, 400],
    ])('rejects %j with %i/%i and changes nothing', async (body, status, errorCode) => {
      const res = await call('PUT', '/mode', body);
      expect(res.status).toBe(status);
      expect(res.body).toEqual({ error_code: errorCode, message: expect.any(String) });
      expect((await call('GET', '/mode')).body).toEqual({ mode: 'READWRITE' });
    });
  });

  describe('subject mode', () => {
    it('answers 404/40409 when unset, the inherited mode with defaultToGlobal=true', async () => {
      const subject = uniqueSubject('mode-none');
      const res = await call('GET', `/mode/${subject}`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error_code: 40409, message: expect.stringContaining(subject) });
      expect((await call('GET', `/mode/${subject}?defaultToGlobal=true`)).body).toEqual({
        mode: 'READWRITE',
      });
    });

    it('sets, reads and deletes the mode of a subject that does not exist yet', async () => {
      const subject = `${uniqueSubject('mode')}/x y`;
      const path = `/mode/${encodeURIComponent(subject)}`;
      expect((await call('PUT', path, { mode: 'READONLY' })).body).toEqual({ mode: 'READONLY' });
      expect((await call('GET', path)).body).toEqual({ mode: 'READONLY' });
      expect((await call('GET', '/mode')).body).toEqual({ mode: 'READWRITE' });
      expect((await call('DELETE', path)).body).toEqual({ mode: 'READONLY' });
      expect((await call('GET', path)).body.error_code).toBe(40409);
      const again = await call('DELETE', path);
      expect(again.status).toBe(404);
      expect(again.body.error_code).toBe(40409);
      expect((await modeEvents(subject)).map((r) => r.data)).toEqual([
        { subject, mode: 'READONLY', actor: null },
        { subject, mode: null, actor: null },
      ]);
    });

    it('rejects a bad subject mode with 42204', async () => {
      const subject = uniqueSubject('mode-bad');
      expect((await call('PUT', `/mode/${subject}`, { mode: 'WRITEONLY' })).body.error_code).toBe(42204);
      expect((await call('GET', `/mode/${subject}`)).body.error_code).toBe(40409);
    });
  });

  describe('modes against registration', () => {
    it('makes registration fail with 42205 in READONLY and lets it through again after DELETE', async () => {
      const subject = uniqueSubject('mode-ro');
      await call('PUT', `/mode/${subject}`, { mode: 'READONLY' });
      const refused = await register(subject);
      expect(refused.status).toBe(422);
      expect(refused.body.error_code).toBe(42205);
      await call('DELETE', `/mode/${subject}`);
      expect((await register(subject)).status).toBe(200);
    });

    it('lets a global READONLY_OVERRIDE win over a subject READWRITE', async () => {
      const subject = uniqueSubject('mode-override');
      await call('PUT', `/mode/${subject}`, { mode: 'READWRITE' });
      await call('PUT', '/mode', { mode: 'READONLY_OVERRIDE' });
      try {
        expect((await register(subject)).body.error_code).toBe(42205);
      } finally {
        await call('DELETE', '/mode');
      }
      expect((await register(subject)).status).toBe(200);
    });

    it('requires force to enter IMPORT on a subject that has versions', async () => {
      const subject = uniqueSubject('mode-import');
      expect((await register(subject)).status).toBe(200);
      const refused = await call('PUT', `/mode/${subject}`, { mode: 'IMPORT' });
      expect(refused.status).toBe(422);
      expect(refused.body.error_code).toBe(42205);
      expect((await call('GET', `/mode/${subject}`)).body.error_code).toBe(40409);
      expect((await call('PUT', `/mode/${subject}?force=true`, { mode: 'IMPORT' })).body).toEqual({
        mode: 'IMPORT',
      });
      const empty = uniqueSubject('mode-import-empty');
      expect((await call('PUT', `/mode/${empty}`, { mode: 'IMPORT' })).body).toEqual({ mode: 'IMPORT' });
    });

    it('requires force to enter IMPORT globally once any subject has versions', async () => {
      expect((await register(uniqueSubject('mode-global-import'))).status).toBe(200);
      const refused = await call('PUT', '/mode', { mode: 'IMPORT' });
      expect(refused.body.error_code).toBe(42205);
      expect((await call('GET', '/mode')).body).toEqual({ mode: 'READWRITE' });
      expect((await call('PUT', '/mode?force=true', { mode: 'import' })).body).toEqual({ mode: 'IMPORT' });
      expect((await call('DELETE', '/mode')).body).toEqual({ mode: 'IMPORT' });
    });
  });
});
