import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

/**
 * Confluent's context-qualified subjects (`:.ctx:name`): Schemata has only the default context, so it
 * refuses them with a clear 42208 on every route that would store or check one, and never keeps such a
 * name as a literal subject. `/contexts` lists the default context alone.
 */
let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(async () => {
  await registry?.close();
});

const schema = { schemaType: 'JSON', schema: '{"type":"string"}' };

describe('context-qualified subjects', () => {
  it.each([':.orders:payment-value', ':.:payment-value', ':.orders'])(
    '%s is refused with 42208',
    async (name) => {
      const at = encodeURIComponent(name);
      for (const [method, path, body] of [
        ['POST', `/subjects/${at}/versions`, schema],
        ['POST', `/subjects/${at}`, schema],
        ['PUT', `/config/${at}`, { compatibility: 'FULL' }],
        ['PUT', `/mode/${at}`, { mode: 'READONLY' }],
        ['POST', `/compatibility/subjects/${at}/versions`, schema],
        ['POST', `/compatibility/subjects/${at}/versions/latest`, schema],
      ] as const) {
        const res = await registry.call(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(422);
        expect(res.body.error_code).toBe(42208);
        expect(res.body.message).toContain('context');
      }
      expect((await registry.call('GET', '/subjects?deleted=true')).body).not.toContain(name);
      expect((await registry.call('GET', `/config/${at}`)).status).toBe(404);
    },
  );

  it('a colon elsewhere in a name is just a name', async () => {
    const res = await registry.call('POST', `/subjects/${encodeURIComponent('orders:v1')}/versions`, schema);
    expect(res.status).toBe(200);
  });

  it('/contexts lists only the default context', async () => {
    expect((await registry.call('GET', '/contexts')).body).toEqual(['.']);
  });
});
