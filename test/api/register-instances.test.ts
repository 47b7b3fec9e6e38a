import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORAGE, startRegistry, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';

/**
 * Two instances on one database: whatever one of them remembers (caches, prepared statements) is stale
 * after the other wrote, and every answer must still be the one the subject's state under its lock gives.
 */
describe.skipIf(STORAGE !== 'postgres')('registration through two instances (postgres)', () => {
  let a: TestRegistry;
  let b: TestRegistry;
  beforeAll(async () => {
    a = await startRegistry();
    b = await startRegistry({ databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const object = (properties: Record<string, unknown>) =>
    JSON.stringify({ type: 'object', properties, additionalProperties: false });
  /** A closed model with properties p0…p(n-1): each step adds an optional property, which BACKWARD accepts. */
  const step = (n: number) =>
    object(Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, { type: 'string' }])));
  const register = (r: TestRegistry, subject: string, schema: string) =>
    r.call('POST', `/subjects/${encodeURIComponent(subject)}/versions`, { schemaType: 'JSON', schema });
  const versions = async (r: TestRegistry, subject: string) =>
    (await r.call('GET', `/subjects/${encodeURIComponent(subject)}/versions`)).body as number[];

  it('registers a run of versions, and answers a repeat with its version', async () => {
    const subject = uniqueSubject('fast');
    const ids: number[] = [];
    for (let n = 1; n <= 6; n++) {
      const res = await register(a, subject, step(n));
      expect(res.status).toBe(200);
      ids.push(res.body.id);
    }
    expect(await versions(a, subject)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(ids).size).toBe(6);
    // The newest and an older version again: the same ids and versions, nothing new.
    expect((await register(a, subject, step(6))).body).toMatchObject({ id: ids[5] });
    expect((await register(a, subject, step(2))).body).toMatchObject({ id: ids[1] });
    expect(await versions(a, subject)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('registers on many subjects at once, each version right', async () => {
    const subjects = Array.from({ length: 8 }, (_, i) => uniqueSubject(`group-${i}`));
    for (const subject of subjects) expect((await register(a, subject, step(1))).status).toBe(200);
    for (let n = 2; n <= 4; n++) {
      const answers = await Promise.all(subjects.map((subject) => register(a, subject, step(n))));
      expect(answers.map((r) => [r.status, r.body.version])).toEqual(subjects.map(() => [200, n]));
    }
    // The same subject twice in one moment: the second finds the first's version, the answers agree.
    const [first, again] = await Promise.all([
      register(a, subjects[0]!, step(5)),
      register(a, subjects[0]!, step(5)),
    ]);
    expect(again?.body).toEqual(first?.body);
    for (const subject of subjects.slice(1)) expect(await versions(a, subject)).toEqual([1, 2, 3, 4]);
    expect(await versions(a, subjects[0]!)).toEqual([1, 2, 3, 4, 5]);
  });

  it('numbers correctly after another instance registered on the subject', async () => {
    const subject = uniqueSubject('stale-version');
    expect((await register(a, subject, step(1))).status).toBe(200);
    expect((await register(a, subject, step(2))).status).toBe(200);
    expect((await register(b, subject, step(3))).status).toBe(200);
    // a still expects version 2 as the latest; the subject is at 3.
    const res = await register(a, subject, step(4));
    expect(res.status).toBe(200);
    expect(await versions(a, subject)).toEqual([1, 2, 3, 4]);
    const latest = await a.call('GET', `/subjects/${encodeURIComponent(subject)}/versions/latest`);
    expect(latest.body).toMatchObject({ version: 4, id: res.body.id });
  });

  it('checks against the version another instance registered, not the remembered one', async () => {
    const subject = uniqueSubject('stale-check');
    expect((await register(a, subject, object({ a: { type: 'string' } }))).status).toBe(200);
    const v2 = object({ a: { type: 'string' }, b: { type: 'string' } });
    expect((await register(a, subject, v2)).status).toBe(200);
    // Through b, version 3 widens `b` to string-or-number: compatible with version 2.
    const v3 = object({ a: { type: 'string' }, b: { type: ['string', 'number'] } });
    expect((await register(b, subject, v3)).status).toBe(200);
    // a still remembers version 2 as the latest. This candidate is compatible with version 2 but not with
    // version 3 (data with a numeric `b` would be refused): the answer must be 409.
    const candidate = object({ a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' } });
    expect((await register(a, subject, candidate)).status).toBe(409);
    expect(await versions(a, subject)).toEqual([1, 2, 3]);
  });

  it('honours a READONLY mode and a config set through another instance', async () => {
    const subject = uniqueSubject('stale-settings');
    expect((await register(a, subject, step(1))).status).toBe(200);
    expect((await register(a, subject, step(2))).status).toBe(200);
    const modePath = `/mode/${encodeURIComponent(subject)}`;
    expect((await b.call('PUT', modePath, { mode: 'READONLY' })).status).toBe(200);
    const refused = await register(a, subject, step(3));
    expect(refused.status).toBe(422);
    expect(refused.body.error_code).toBe(42205);
    expect((await b.call('PUT', modePath, { mode: 'READWRITE' })).status).toBe(200);
    // BACKWARD (the default) accepts an added optional property in a closed model; FORWARD does not.
    const configPath = `/config/${encodeURIComponent(subject)}`;
    expect((await b.call('PUT', configPath, { compatibility: 'FORWARD' })).status).toBe(200);
    expect((await register(a, subject, step(3))).status).toBe(409);
    expect(await versions(a, subject)).toEqual([1, 2]);
  });

  it('registers again after another instance soft-deleted the latest version', async () => {
    const subject = uniqueSubject('stale-delete');
    expect((await register(a, subject, step(1))).status).toBe(200);
    expect((await register(a, subject, step(2))).status).toBe(200);
    expect((await b.call('DELETE', `/subjects/${encodeURIComponent(subject)}/versions/2`)).status).toBe(200);
    // Version 2's schema is no longer live: registering it again makes version 3.
    expect((await register(a, subject, step(2))).status).toBe(200);
    expect(await versions(a, subject)).toEqual([1, 3]);
  });

  it('prepares its statements again on a new session', async () => {
    const subject = uniqueSubject('session');
    expect((await register(a, subject, step(1))).status).toBe(200);
    expect((await register(a, subject, step(2))).status).toBe(200);
    // End every session of a's database: postgres.js reconnects, without the prepared statement.
    const admin = postgres(a.databaseUrl!, { max: 1, onnotice: () => {} });
    await admin`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`;
    await admin.end();
    // A request that meets a dead pooled connection fails as 503 (clients retry); none writes anything,
    // and none hangs: each answer comes long before a reconnect would time out (10 s).
    const timed = async () => {
      const started = Date.now();
      const answer = await register(a, subject, step(3));
      expect(Date.now() - started).toBeLessThan(5_000);
      return answer;
    };
    let res = await timed();
    for (let attempt = 0; res.status === 503 && attempt < 20; attempt++) res = await timed();
    expect(res.status).toBe(200);
    expect((await register(a, subject, step(4))).status).toBe(200);
    expect(await versions(a, subject)).toEqual([1, 2, 3, 4]);
  });

  it('stores text with quotes, backslashes and placeholders exactly', async () => {
    const subject = uniqueSubject("it's\\a $1 'subject'");
    const tricky = (n: number) =>
      object({
        "it's $1 \\' \\\\ E'x' $$": { type: 'string', description: "O'Brien \\n $2 --; drop table schemas" },
        ...(n > 1 ? { emoji: { type: 'string', title: '😀 ünïcödé $s$' } } : {}),
      });
    expect((await register(a, subject, tricky(1))).status).toBe(200);
    const res = await register(a, subject, tricky(2));
    expect(res.status).toBe(200);
    const stored = await a.call('GET', `/schemas/ids/${res.body.id}`);
    expect(JSON.parse(stored.body.schema)).toEqual(JSON.parse(tricky(2)));
    const viaB = await b.call('GET', `/subjects/${encodeURIComponent(subject)}/versions/2`);
    expect(viaB.body).toMatchObject({ subject, version: 2, id: res.body.id });
    expect(JSON.parse(viaB.body.schema)).toEqual(JSON.parse(tricky(2)));
  });
});
