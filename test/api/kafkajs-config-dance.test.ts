import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';

/**
 * kafkajs' register() reads GET /config/{s} first: 404 means "first registration" (it registers, then
 * PUTs the requested level); a 200 with another level makes it throw. Falling back to the global level
 * there would break every kafkajs registration once the global level is not BACKWARD.
 */
describe(`kafkajs first-registration config dance (${STORAGE})`, () => {
  let registry: TestRegistry;
  let client: SchemaRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
    client = new SchemaRegistry({ host: registry.url });
  });
  afterAll(async () => {
    await registry?.close();
  });

  const schema = (title: string) =>
    JSON.stringify({ type: 'object', title, properties: { id: { type: 'string' } } });

  it('answers the wire steps the client relies on: 404/40408, then PUT in write form, then 200 in read form', async () => {
    const subject = uniqueSubject('dance-wire');
    const first = await registry.call('GET', `/config/${subject}`);
    expect(first.status).toBe(404);
    expect(first.body.error_code).toBe(40408);
    const put = await registry.call('PUT', `/config/${subject}`, { compatibility: 'BACKWARD' });
    expect(put.body).toEqual({ compatibility: 'BACKWARD' });
    expect((await registry.call('GET', `/config/${subject}`)).body).toEqual({
      compatibilityLevel: 'BACKWARD',
    });
  });

  it('registers twice through the real client while the global level is FULL', async () => {
    const subject = uniqueSubject('dance-client');
    await registry.call('PUT', '/config', { compatibility: 'FULL' });
    try {
      const { id } = await client.register({ type: SchemaType.JSON, schema: schema('v1') }, { subject });
      expect(id).toBeGreaterThan(0);
      // The client stored its level on first registration; the second call sees it and proceeds.
      expect((await registry.call('GET', `/config/${subject}`)).body).toEqual({
        compatibilityLevel: 'BACKWARD',
      });
      const again = await client.register({ type: SchemaType.JSON, schema: schema('v2') }, { subject });
      expect(again.id).toBeGreaterThan(id);
    } finally {
      await registry.call('DELETE', '/config');
    }
  });

  it('lets the client refuse a subject whose own level differs from the requested one', async () => {
    const subject = uniqueSubject('dance-mismatch');
    await registry.call('PUT', `/config/${subject}`, { compatibility: 'forward' });
    await expect(
      client.register(
        { type: SchemaType.JSON, schema: schema('v1') },
        { subject, compatibility: COMPATIBILITY.BACKWARD },
      ),
    ).rejects.toThrow(/Compatibility does not match/);
    const ok = await client.register(
      { type: SchemaType.JSON, schema: schema('v1') },
      { subject, compatibility: COMPATIBILITY.FORWARD },
    );
    expect(ok.id).toBeGreaterThan(0);
  });
});
