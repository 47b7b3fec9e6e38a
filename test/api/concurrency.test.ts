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
/** Over the real socket, so requests overlap the way separate clients' would. */
async function register(
  subject: string,
  schema: string,
): Promise<{ status: number; body: { id: number; version: number } }> {
  const res = await fetch(`${registry.url}${path(subject)}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schemaType: 'JSON', schema }),
  });
  return { status: res.status, body: (await res.json()) as { id: number; version: number } };
}

describe('concurrent registration', () => {
  it('50 concurrent registrations of one schema make one version with one id', async () => {
    const subject = uniqueSubject('same');
    const schema = JSON.stringify({ type: 'object', title: subject });
    const results = await Promise.all(Array.from({ length: 50 }, () => register(subject, schema)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.body.version))).toEqual(new Set([1]));
    expect((await registry.call('GET', `${path(subject)}/versions?deleted=true`)).body).toEqual([1]);
  });

  it('50 concurrent distinct compatible schemas get versions 1..50 without gaps or duplicates', async () => {
    const subject = uniqueSubject('distinct');
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        register(subject, JSON.stringify({ type: 'object', title: `${subject} ${i}` })),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const versions = results.map((r) => r.body.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(50);
    expect((await registry.call('GET', `${path(subject)}/versions`)).body).toEqual(versions);
  });

  it('the same schema registered concurrently under 20 subjects converges on one id', async () => {
    const schema = JSON.stringify({ type: 'object', title: uniqueSubject('converge') });
    const subjects = Array.from({ length: 20 }, () => uniqueSubject('converge'));
    const results = await Promise.all(subjects.map((s) => register(s, schema)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.every((r) => r.body.version === 1)).toBe(true);
  });
});
