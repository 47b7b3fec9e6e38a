import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryClient } from '../../src/client/index.ts';
import { schemaText, startRegistry, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';

/**
 * The classic recursive schema: a tree whose children are the root schema again (`$ref: "#"`), in a
 * root without `$id`. Registration, compatibility (with a counterexample) and the SDK all handle it.
 */
const tree = (maxLength: number) => ({
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    name: { type: 'string', maxLength },
    children: { type: 'array', items: { $ref: '#' } },
  },
  required: ['name'],
});

describe('schemas that refer to their own root', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry?.close();
  });

  const register = (subject: string, doc: unknown) =>
    registry.call('POST', `/subjects/${subject}/versions`, { schemaType: 'JSON', schema: schemaText(doc) });

  it('registers, evolves and refuses a narrowing with a counterexample', async () => {
    const subject = uniqueSubject('tree');
    const first = await register(subject, tree(10));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect((await register(subject, tree(10))).body).toMatchObject({ id: first.body.id, version: 1 });
    expect((await register(subject, tree(20))).body).toMatchObject({ version: 2 });
    const narrowed = await register(subject, tree(5));
    expect(narrowed.status).toBe(409);
    const violation = narrowed.body.violations[0];
    expect(violation.newPath).toBe('#/properties/name');
    expect(violation.counterexample).toBeDefined();
  });

  it('validates nested payloads in the SDK', async () => {
    const subject = uniqueSubject('tree-sdk');
    expect((await register(subject, tree(10))).status).toBe(200);
    const client = createRegistryClient({ url: registry.url });
    try {
      await client.load([subject]);
      const ok = { name: 'root', children: [{ name: 'leaf', children: [] }] };
      expect(client.validate(subject, ok).valid).toBe(true);
      const deepBad = { name: 'root', children: [{ name: 'a name that is too long' }] };
      expect(client.validate(subject, deepBad).valid).toBe(false);
    } finally {
      await client.close();
    }
  });
});
