import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(async () => {
  await registry.close();
});

const path = (subject: string) => `/subjects/${encodeURIComponent(subject)}`;
const schemaV = (subject: string, n: number) => JSON.stringify({ type: 'object', title: `${subject} v${n}` });
const register = (subject: string, n: number) =>
  registry.call('POST', `${path(subject)}/versions`, { schemaType: 'JSON', schema: schemaV(subject, n) });

async function subjectWith(prefix: string, n: number): Promise<{ subject: string; ids: number[] }> {
  const subject = uniqueSubject(prefix);
  const ids: number[] = [];
  for (let i = 1; i <= n; i++) ids.push((await register(subject, i)).body.id);
  return { subject, ids };
}

const errorCode = (res: { body: { error_code?: number } }) => res.body.error_code;

describe('DELETE /subjects/{subject}/versions/{version}', () => {
  it('soft-deletes, then permanently deletes, answering the version number', async () => {
    const { subject, ids } = await subjectWith('del-version', 2);
    const soft = await registry.call('DELETE', `${path(subject)}/versions/1`);
    expect(soft.status).toBe(200);
    expect(soft.body).toBe(1);
    expect((await registry.call('GET', `${path(subject)}/versions`)).body).toEqual([2]);
    // Soft-deleted schemas stay readable by id: consumers must decode old records.
    expect((await registry.call('GET', `/schemas/ids/${ids[0]}`)).status).toBe(200);

    expect(errorCode(await registry.call('DELETE', `${path(subject)}/versions/1`))).toBe(40406);
    expect(errorCode(await registry.call('DELETE', `${path(subject)}/versions/2?permanent=true`))).toBe(
      40407,
    );

    const hard = await registry.call('DELETE', `${path(subject)}/versions/1?permanent=true`);
    expect(hard.body).toBe(1);
    expect((await registry.call('GET', `${path(subject)}/versions?deleted=true`)).body).toEqual([2]);
    expect(errorCode(await registry.call('GET', `/schemas/ids/${ids[0]}`))).toBe(40403);
  });

  it('deletes latest and answers 40401/40402/42202 for unknown subjects, versions and bad segments', async () => {
    const { subject } = await subjectWith('del-latest', 2);
    expect((await registry.call('DELETE', `${path(subject)}/versions/latest`)).body).toBe(2);
    expect(errorCode(await registry.call('DELETE', `${path(uniqueSubject('nobody'))}/versions/1`))).toBe(
      40401,
    );
    expect(errorCode(await registry.call('DELETE', `${path(subject)}/versions/5`))).toBe(40402);
    expect(errorCode(await registry.call('DELETE', `${path(subject)}/versions/0`))).toBe(42202);
  });

  it('numbers new versions past soft-deleted ones, and reuses a hard-deleted top number', async () => {
    const { subject } = await subjectWith('numbering', 2);
    await registry.call('DELETE', `${path(subject)}/versions/2`);
    expect((await register(subject, 3)).body.version).toBe(3);
    await registry.call('DELETE', `${path(subject)}/versions/3`);
    await registry.call('DELETE', `${path(subject)}/versions/3?permanent=true`);
    expect((await register(subject, 4)).body.version).toBe(3);
  });

  it('refuses deletes in READONLY mode with 42205 and changes nothing', async () => {
    const { subject } = await subjectWith('del-readonly', 1);
    await registry.call('PUT', `/mode/${encodeURIComponent(subject)}`, { mode: 'READONLY' });
    expect(errorCode(await registry.call('DELETE', `${path(subject)}/versions/1`))).toBe(42205);
    expect(errorCode(await registry.call('DELETE', path(subject)))).toBe(42205);
    expect((await registry.call('GET', `${path(subject)}/versions`)).body).toEqual([1]);
  });
});

describe('DELETE /subjects/{subject}', () => {
  it('soft-deletes every live version, then permanently deletes the subject', async () => {
    const { subject, ids } = await subjectWith('del-subject', 3);
    await registry.call('DELETE', `${path(subject)}/versions/2`);
    const soft = await registry.call('DELETE', path(subject));
    expect(soft.status).toBe(200);
    expect(soft.body).toEqual([1, 3]);
    expect((await registry.call('GET', '/subjects')).body).not.toContain(subject);
    expect((await registry.call('GET', `/schemas/ids/${ids[0]}`)).status).toBe(200);
    expect(errorCode(await registry.call('DELETE', path(subject)))).toBe(40404);

    const hard = await registry.call('DELETE', `${path(subject)}?permanent=true`);
    expect(hard.body).toEqual([1, 2, 3]);
    expect((await registry.call('GET', '/subjects?deleted=true')).body).not.toContain(subject);
    expect(errorCode(await registry.call('GET', `/schemas/ids/${ids[0]}`))).toBe(40403);
    expect(errorCode(await registry.call('DELETE', path(subject)))).toBe(40401);
  });

  it('requires a soft delete before a permanent one (40405) and 40401 for unknown subjects', async () => {
    const { subject } = await subjectWith('del-order', 1);
    expect(errorCode(await registry.call('DELETE', `${path(subject)}?permanent=true`))).toBe(40405);
    expect((await registry.call('GET', `${path(subject)}/versions`)).body).toEqual([1]);
    expect(errorCode(await registry.call('DELETE', path(uniqueSubject('nobody'))))).toBe(40401);
  });

  it('removes the subject config and mode when its last version is permanently deleted', async () => {
    const { subject } = await subjectWith('del-settings', 1);
    const name = encodeURIComponent(subject);
    await registry.call('PUT', `/config/${name}`, { compatibility: 'FULL' });
    await registry.call('PUT', `/mode/${name}`, { mode: 'READWRITE' });
    await registry.call('DELETE', path(subject));
    expect((await registry.call('GET', `/config/${name}`)).status).toBe(200);
    await registry.call('DELETE', `${path(subject)}?permanent=true`);
    expect(errorCode(await registry.call('GET', `/config/${name}`))).toBe(40408);
    expect(errorCode(await registry.call('GET', `/mode/${name}`))).toBe(40409);
  });

  it('starts a re-created subject at version 1 with the same ids for the same schemas', async () => {
    const { subject, ids } = await subjectWith('recreate', 2);
    await registry.call('DELETE', path(subject));
    await registry.call('DELETE', `${path(subject)}?permanent=true`);
    const again = await register(subject, 2);
    expect(again.body).toMatchObject({ version: 1, id: ids[1] });
  });
});
