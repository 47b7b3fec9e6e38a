import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../src/db/schema.ts';
import { startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';

describe(`config endpoints (${STORAGE})`, () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry?.close();
  });

  const call = (method: string, path: string, body?: unknown) => registry.call(method, path, body);
  const configEvents = (subject: string | null) =>
    registry.deps.db
      .select({ data: events.data })
      .from(events)
      .where(
        and(
          eq(events.eventType, 'config.changed'),
          subject === null ? isNull(events.subject) : eq(events.subject, subject),
        ),
      )
      .orderBy(events.id);

  describe('global config', () => {
    it('answers the server default in read form before anything is set', async () => {
      const res = await call('GET', '/config');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ compatibilityLevel: 'BACKWARD' });
      expect(res.headers.get('content-type')).toBe('application/vnd.schemaregistry.v1+json');
    });

    it('accepts a level in any case, echoes the write form and reads back upper case', async () => {
      const put = await call('PUT', '/config', { compatibility: 'full_transitive' });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({ compatibility: 'FULL_TRANSITIVE' });
      expect((await call('GET', '/config')).body).toEqual({ compatibilityLevel: 'FULL_TRANSITIVE' });
      await call('DELETE', '/config');
    });

    it('treats PUT as a partial update: absent keys keep their value', async () => {
      await call('PUT', '/config', { compatibility: 'FORWARD' });
      const put = await call('PUT', '/config', { compatibilityPolicy: 'lenient' });
      expect(put.body).toEqual({ compatibilityPolicy: 'LENIENT' });
      await call('PUT', '/config', { normalize: true });
      expect((await call('GET', '/config')).body).toEqual({
        compatibilityLevel: 'FORWARD',
        compatibilityPolicy: 'LENIENT',
        normalize: true,
      });
      await call('DELETE', '/config');
    });

    it('answers the previous config on DELETE and falls back to the server default', async () => {
      await call('PUT', '/config', { compatibility: 'NONE', compatibilityPolicy: 'STRICT' });
      const del = await call('DELETE', '/config');
      expect(del.status).toBe(200);
      expect(del.body).toEqual({ compatibilityLevel: 'NONE', compatibilityPolicy: 'STRICT' });
      expect((await call('GET', '/config')).body).toEqual({ compatibilityLevel: 'BACKWARD' });
      expect((await call('DELETE', '/config')).body).toEqual({ compatibilityLevel: 'BACKWARD' });
    });

    it('ignores defaultToGlobal on the global resource', async () => {
      expect((await call('GET', '/config?defaultToGlobal=true')).body).toEqual({
        compatibilityLevel: 'BACKWARD',
      });
    });

    it('records a config.changed event for every change, null config when deleted', async () => {
      await call('PUT', '/config', { compatibility: 'FULL' });
      await call('DELETE', '/config');
      const rows = await configEvents(null);
      expect(rows.slice(-2).map((r) => r.data)).toEqual([
        { subject: null, config: { compatibilityLevel: 'FULL' }, actor: null },
        { subject: null, config: null, actor: null },
      ]);
    });
  });

  describe('bad config input changes nothing', () => {
    it.each([
      [{ compatibility: 'SIDEWAYS' }, 422, 42203],
      [{ compatibility: 'FULL', compatibilityPolicy: 'RELAXED' }, 422, 42203],
      [{}, 422, 42203],
      [{ compatibility: 5 }, 400, 400],
      [{ normalize: 'yes' }, 400, 400],
    ])('PUT /config %j → %i/%i', async (body, status, errorCode) => {
      await call('PUT', '/config', { compatibility: 'FORWARD' });
      const res = await call('PUT', '/config', body);
      expect(res.status).toBe(status);
      expect(res.body).toEqual({ error_code: errorCode, message: expect.any(String) });
      expect((await call('GET', '/config')).body).toEqual({ compatibilityLevel: 'FORWARD' });
      await call('DELETE', '/config');
    });

    it('answers an empty body with 422 and a non-JSON body with 400', async () => {
      expect((await call('PUT', '/config', '')).body.error_code).toBe(422);
      expect((await call('PUT', '/config', '{"compatibility":')).body.error_code).toBe(400);
    });

    it('rejects a bad level on a subject without creating its config', async () => {
      const subject = uniqueSubject('cfg-bad');
      expect((await call('PUT', `/config/${subject}`, { compatibility: 'nope' })).body.error_code).toBe(
        42203,
      );
      expect((await call('GET', `/config/${subject}`)).body.error_code).toBe(40408);
    });
  });

  describe('subject config', () => {
    it('answers 404/40408 when the subject has no own config, even when a global one is set', async () => {
      const subject = uniqueSubject('cfg-none');
      await call('PUT', '/config', { compatibility: 'FULL' });
      const res = await call('GET', `/config/${subject}`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error_code: 40408, message: expect.stringContaining(subject) });
      await call('DELETE', '/config');
    });

    it('answers the effective config with defaultToGlobal=true, never 404', async () => {
      const subject = uniqueSubject('cfg-effective');
      expect((await call('GET', `/config/${subject}?defaultToGlobal=true`)).body).toEqual({
        compatibilityLevel: 'BACKWARD',
      });
      await call('PUT', '/config', { compatibility: 'FORWARD', compatibilityPolicy: 'LENIENT' });
      expect((await call('GET', `/config/${subject}?defaultToGlobal=TRUE`)).body).toEqual({
        compatibilityLevel: 'FORWARD',
        compatibilityPolicy: 'LENIENT',
      });
      await call('PUT', `/config/${subject}`, { compatibility: 'none' });
      expect((await call('GET', `/config/${subject}?defaultToGlobal=true`)).body).toEqual({
        compatibilityLevel: 'NONE',
        compatibilityPolicy: 'LENIENT',
      });
      await call('DELETE', '/config');
    });

    it('sets the config of a subject that does not exist yet and reads back only its own keys', async () => {
      const subject = uniqueSubject('cfg-new');
      const put = await call('PUT', `/config/${subject}`, {
        compatibility: 'Backward_Transitive',
        normalize: false,
      });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({ compatibility: 'BACKWARD_TRANSITIVE', normalize: false });
      expect((await call('GET', `/config/${subject}`)).body).toEqual({
        compatibilityLevel: 'BACKWARD_TRANSITIVE',
        normalize: false,
      });
    });

    it('reads the inherited level for a subject config that only sets a policy', async () => {
      const subject = uniqueSubject('cfg-policy');
      await call('PUT', '/config', { compatibility: 'FULL' });
      expect((await call('PUT', `/config/${subject}`, { compatibilityPolicy: 'LENIENT' })).body).toEqual({
        compatibilityPolicy: 'LENIENT',
      });
      expect((await call('GET', `/config/${subject}`)).body).toEqual({
        compatibilityLevel: 'FULL',
        compatibilityPolicy: 'LENIENT',
      });
      await call('DELETE', '/config');
    });

    it('answers the removed config on DELETE, then 404/40401', async () => {
      const subject = uniqueSubject('cfg-del');
      await call('PUT', `/config/${subject}`, { compatibility: 'FORWARD' });
      const del = await call('DELETE', `/config/${subject}`);
      expect(del.status).toBe(200);
      expect(del.body).toEqual({ compatibilityLevel: 'FORWARD' });
      expect((await call('GET', `/config/${subject}`)).body.error_code).toBe(40408);
      const again = await call('DELETE', `/config/${subject}`);
      expect(again.status).toBe(404);
      expect(again.body.error_code).toBe(40401);
    });

    it('keeps subjects apart and leaves the global config alone', async () => {
      const a = uniqueSubject('cfg-a');
      const b = uniqueSubject('cfg-b');
      await call('PUT', `/config/${a}`, { compatibility: 'NONE' });
      await call('PUT', `/config/${b}`, { compatibility: 'FULL' });
      expect((await call('GET', `/config/${a}`)).body).toEqual({ compatibilityLevel: 'NONE' });
      expect((await call('GET', `/config/${b}`)).body).toEqual({ compatibilityLevel: 'FULL' });
      expect((await call('GET', '/config')).body).toEqual({ compatibilityLevel: 'BACKWARD' });
    });

    it('routes subject names with %2F, spaces and %', async () => {
      const subject = `${uniqueSubject('cfg')}/b c%d`;
      const path = `/config/${encodeURIComponent(subject)}`;
      expect((await call('PUT', path, { compatibility: 'FULL' })).status).toBe(200);
      expect((await call('GET', path)).body).toEqual({ compatibilityLevel: 'FULL' });
      expect((await configEvents(subject)).at(-1)?.data).toEqual({
        subject,
        config: { compatibilityLevel: 'FULL' },
        actor: null,
      });
    });

    it('rejects a subject name with control characters with 42208', async () => {
      const res = await call('PUT', `/config/${encodeURIComponent('bad\u0001name')}`, {
        compatibility: 'FULL',
      });
      expect(res.status).toBe(422);
      expect(res.body.error_code).toBe(42208);
    });
  });
});

describe(`config with DEFAULT_COMPATIBILITY (${STORAGE})`, () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry({ env: { DEFAULT_COMPATIBILITY: 'full' } });
  });
  afterAll(async () => {
    await registry?.close();
  });

  it('uses the server default for GET, DELETE and the subject fallback', async () => {
    expect((await registry.call('GET', '/config')).body).toEqual({ compatibilityLevel: 'FULL' });
    await registry.call('PUT', '/config', { compatibility: 'NONE' });
    expect((await registry.call('DELETE', '/config')).body).toEqual({ compatibilityLevel: 'NONE' });
    expect((await registry.call('GET', '/config')).body).toEqual({ compatibilityLevel: 'FULL' });
    const subject = uniqueSubject('cfg-default');
    expect((await registry.call('GET', `/config/${subject}?defaultToGlobal=true`)).body).toEqual({
      compatibilityLevel: 'FULL',
    });
  });
});
