import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvent } from '../../src/events/outbox.ts';
import {
  registerInTransaction,
  registerSchema,
  type PendingRegistration,
} from '../../src/services/subjects/registerSchema.ts';
import { startRegistry, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(async () => {
  await registry.close();
});

const input = (subject: string, title: string, actor?: string) => ({
  subject,
  body: { schemaType: 'JSON', schema: JSON.stringify({ type: 'object', title }) },
  normalize: false,
  ...(actor === undefined ? {} : { access: { actor, role: 'write' as const, prefixes: null } }),
});
const versions = async (subject: string) =>
  (await registry.call('GET', `/subjects/${encodeURIComponent(subject)}/versions`)).body;
const eventsOf = async (subject: string) =>
  (await registry.call('GET', `/events?subject=${encodeURIComponent(subject)}`)).body.events as {
    event_type: string;
    data: Record<string, unknown>;
  }[];

/**
 * The one registration path, called inside a caller's transaction (as the migration catalog does): its
 * versions and events commit with the caller's own writes, or not at all, and what follows the commit is
 * left to the caller.
 */
describe('registerInTransaction', () => {
  it("commits several registrations with the caller's own event, in one transaction", async () => {
    const [a, b] = [uniqueSubject('tx-a'), uniqueSubject('tx-b')];
    const pending: PendingRegistration[] = [];
    await registry.deps.db.transaction(async (tx) => {
      pending.push(await registerInTransaction(registry.deps, tx, input(a, 'a1')));
      pending.push(await registerInTransaction(registry.deps, tx, input(a, 'a2')));
      pending.push(await registerInTransaction(registry.deps, tx, input(b, 'b1')));
      await recordEvent(tx, {
        type: 'config.changed',
        subject: b,
        data: { subject: b, config: null },
        actor: null,
      });
    });
    for (const registration of pending) registration.afterCommit();
    expect(pending.map((p) => p.registered.version)).toEqual([1, 2, 1]);
    expect(await versions(a)).toEqual([1, 2]);
    expect((await eventsOf(b)).map((e) => e.event_type)).toEqual(['schema.registered', 'config.changed']);
  });

  it("leaves nothing behind when the caller's transaction rolls back", async () => {
    const subject = uniqueSubject('tx-rollback');
    const refused = registry.deps.db.transaction(async (tx) => {
      await registerInTransaction(registry.deps, tx, input(subject, 'first'));
      throw new Error('the caller changes its mind');
    });
    await expect(refused).rejects.toThrow('the caller changes its mind');
    expect((await registry.call('GET', `/subjects/${encodeURIComponent(subject)}/versions`)).status).toBe(
      404,
    );
    expect(await eventsOf(subject)).toEqual([]);
  });

  it('records the actor in the schema.registered event when one is given', async () => {
    const subject = uniqueSubject('actor');
    await registerSchema(registry.deps, input(subject, 'with actor', 'key-ci'));
    await registerSchema(registry.deps, input(subject, 'without actor'));
    const events = await eventsOf(subject);
    expect(events.map((e) => e.data['actor'])).toEqual(['key-ci', null]);
    expect(events[0]?.data).toEqual({
      subject,
      version: 1,
      id: expect.any(Number),
      schemaType: 'JSON',
      actor: 'key-ci',
    });
  });
});
