import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAjv } from '../../src/domain/schema/json/drafts.ts';
import { EVENT_TYPES } from '../../src/events/envelope.ts';
import { startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { eventually, readWholeFeed, registerJson, schemaNumber } from './helpers.ts';

interface AsyncApi {
  channels: Record<string, { subscribe: { message: { oneOf: { $ref: string }[] } } }>;
  components: {
    messages: Record<string, { name: string; payload: unknown; examples?: { payload: unknown }[] }>;
  };
}

const doc = parse(readFileSync(new URL('../../asyncapi.yaml', import.meta.url), 'utf8')) as AsyncApi;
const ajv = createAjv('draft-07');
ajv.addSchema(doc as object, 'asyncapi');
const messageKey = new Map(
  Object.entries(doc.components.messages).map(([key, message]) => [message.name, key]),
);
const payloadValidator = (eventType: string) => {
  const key = messageKey.get(eventType);
  if (key === undefined) throw new Error(`asyncapi.yaml has no message for ${eventType}`);
  const validate = ajv.getSchema(`asyncapi#/components/messages/${key}/payload`);
  if (validate === undefined) throw new Error(`no payload schema for ${eventType}`);
  return validate;
};

describe('asyncapi.yaml documents the events', () => {
  it('has both channels, each offering every event type', () => {
    expect(Object.keys(doc.channels).sort()).toEqual(['{prefix}:events', '{prefix}:events:{subject}']);
    for (const channel of Object.values(doc.channels)) {
      const names = channel.subscribe.message.oneOf.map(
        (ref) => doc.components.messages[ref.$ref.split('/').at(-1) ?? '']?.name,
      );
      expect(names.sort()).toEqual([...EVENT_TYPES].sort());
    }
  });

  it('has examples that match their own payload schemas', () => {
    for (const message of Object.values(doc.components.messages)) {
      for (const example of message.examples ?? []) {
        const validate = payloadValidator(message.name);
        expect(validate(example.payload), JSON.stringify(validate.errors)).toBe(true);
      }
    }
  });
});

describe(`events written by the registry match asyncapi.yaml (${STORAGE})`, () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry.close();
  });

  it('validates every event type the API produces against its documented payload', async () => {
    const subject = uniqueSubject('asyncapi');
    const path = `/subjects/${encodeURIComponent(subject)}`;
    await registerJson(registry, subject, schemaNumber(0, subject));
    await registerJson(registry, subject, schemaNumber(1, subject));
    const steps: [string, string, unknown?][] = [
      ['PUT', `/config/${encodeURIComponent(subject)}`, { compatibility: 'full' }],
      ['DELETE', `/config/${encodeURIComponent(subject)}`],
      ['PUT', `/mode/${encodeURIComponent(subject)}`, { mode: 'READONLY' }],
      ['DELETE', `/mode/${encodeURIComponent(subject)}`],
      ['DELETE', `${path}/versions/2`],
      ['DELETE', `${path}/versions/2?permanent=true`],
      ['DELETE', path],
      ['DELETE', `${path}?permanent=true`],
    ];
    for (const [method, url, body] of steps) {
      const res = await registry.call(method, url, body);
      expect(res.status, `${method} ${url}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    const events = await eventually(async () => {
      const all = await readWholeFeed(registry, 0, `&subject=${encodeURIComponent(subject)}`);
      return all.length >= 10 ? all : undefined;
    });
    expect(new Set(events.map((e) => e.event_type))).toEqual(new Set(EVENT_TYPES));
    for (const event of events) {
      const validate = payloadValidator(event.event_type);
      expect(validate(event), `${event.event_type}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
});
