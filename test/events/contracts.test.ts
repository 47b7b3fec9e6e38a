import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { eventually, readWholeFeed, registerJson, schemaNumber } from './helpers.ts';

describe(`bulk contract fetch POST /contracts (${STORAGE})`, () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry.close();
  });

  it('returns the live versions of many subjects in one request, and names the missing ones', async () => {
    const [a, b, none] = [uniqueSubject('c-a'), uniqueSubject('c-b'), uniqueSubject('c-none')];
    const a1 = await registerJson(registry, a, schemaNumber(0, a));
    const a2 = await registerJson(registry, a, schemaNumber(1, a));
    const b1 = await registerJson(registry, b, schemaNumber(0, b));
    const res = await registry.call('POST', '/contracts', { subjects: [a, none, b, a] });
    expect(res.status).toBe(200);
    expect(res.body.contracts).toEqual([
      {
        subject: a,
        versions: [
          {
            subject: a,
            version: 1,
            id: a1.id,
            schemaType: 'JSON',
            schema: JSON.stringify(schemaNumber(0, a)),
          },
          {
            subject: a,
            version: 2,
            id: a2.id,
            schemaType: 'JSON',
            schema: JSON.stringify(schemaNumber(1, a)),
          },
        ],
      },
      {
        subject: b,
        versions: [{ subject: b, version: 1, id: b1.id, schemaType: 'JSON', schema: expect.any(String) }],
      },
    ]);
    expect(res.body.missing).toEqual([none]);
    expect(res.body.seq).toEqual(expect.any(Number));

    const latest = await registry.call('POST', '/contracts', { subjects: [a], versions: 'latest' });
    expect(latest.body.contracts[0].versions.map((v: { version: number }) => v.version)).toEqual([2]);
  });

  it('leaves soft-deleted versions out, and a subject with none left is missing', async () => {
    const subject = uniqueSubject('c-deleted');
    await registerJson(registry, subject, schemaNumber(0, subject));
    await registerJson(registry, subject, schemaNumber(1, subject));
    expect((await registry.call('DELETE', `/subjects/${subject}/versions/1`)).status).toBe(200);
    const one = await registry.call('POST', '/contracts', { subjects: [subject] });
    expect(one.body.contracts[0].versions.map((v: { version: number }) => v.version)).toEqual([2]);
    expect((await registry.call('DELETE', `/subjects/${subject}`)).status).toBe(200);
    const gone = await registry.call('POST', '/contracts', { subjects: [subject] });
    expect(gone.body).toMatchObject({ contracts: [], missing: [subject] });
  });

  it('reflects every change up to its seq, so following the feed from seq misses nothing', async () => {
    const subject = uniqueSubject('c-seq');
    await registerJson(registry, subject, schemaNumber(0, subject));
    const registered = await eventually(async () => {
      const events = await readWholeFeed(registry, 0, `&subject=${subject}`);
      return events.length === 1 ? events : undefined;
    });
    const snapshot = await registry.call('POST', '/contracts', { subjects: [subject] });
    expect(snapshot.body.seq).toBeGreaterThanOrEqual(registered[0]?.seq ?? Infinity);

    await registerJson(registry, subject, schemaNumber(1, subject));
    const after = await eventually(async () => {
      const events = await readWholeFeed(registry, snapshot.body.seq, `&subject=${subject}`);
      return events.length === 1 ? events : undefined;
    });
    expect(after[0]?.data).toMatchObject({ subject, version: 2 });
  });

  it('rejects bad input with the error envelope and changes nothing', async () => {
    const cases: [unknown, number, number][] = [
      [{}, 400, 400],
      [{ subjects: 'a' }, 400, 400],
      [{ subjects: [1] }, 400, 400],
      [{ subjects: ['a'], versions: 'some' }, 400, 400],
      [{ subjects: Array.from({ length: 1001 }, (_, i) => `s${i}`) }, 400, 400],
      [{ subjects: [''] }, 422, 42208],
      [{ subjects: ['bad\u0001name'] }, 422, 42208],
      ['{"subjects": [', 400, 400],
    ];
    for (const [body, status, errorCode] of cases) {
      const res = await registry.call('POST', '/contracts', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(res.body).toEqual({ error_code: errorCode, message: expect.any(String) });
    }
    const empty = await registry.call('POST', '/contracts');
    expect(empty.status).toBe(422);
  });
});
