import { describe, expect, it } from 'vitest';
import { renderConfluentMessages, type WireViolation } from './renderMessages.ts';

const violation = (over: Partial<WireViolation>): WireViolation => ({
  rule: 'TYPE_NARROWED',
  oldPath: '#/properties/a',
  newPath: '#/properties/a',
  message: "The type at '#/properties/a' was narrowed.",
  direction: 'BACKWARD',
  oldVersion: 3,
  ...over,
});

describe('renderConfluentMessages', () => {
  it('renders differences, then the old version and schema, then the level', () => {
    const messages = renderConfluentMessages([violation({})], 'BACKWARD', [
      { version: 3, schema: { type: 'number' } },
    ]);
    expect(messages).toEqual([
      `{errorType:"TYPE_NARROWED", description:"The type at '#/properties/a' was narrowed."}`,
      '{oldSchemaVersion: 3}',
      `{oldSchema: '{"type":"number"}'}`,
      "{compatibility: 'BACKWARD'}",
    ]);
  });

  it('names the JSON Pointer when the sentence does not', () => {
    const [first] = renderConfluentMessages(
      [violation({ message: 'Bound added.', newPath: '#/maxLength' })],
      'FORWARD',
    );
    expect(first).toBe(`{errorType:"TYPE_NARROWED", description:"Bound added at path '#/maxLength'."}`);
  });

  it('says which direction each difference came from under FULL', () => {
    const messages = renderConfluentMessages(
      [
        violation({ direction: 'BACKWARD' }),
        violation({ rule: 'MAX_LENGTH_DECREASED', direction: 'FORWARD' }),
      ],
      'FULL',
    );
    expect(messages[0]).toContain('narrowed. (BACKWARD)');
    expect(messages[1]).toContain('narrowed. (FORWARD)');
  });

  it('groups differences per old version in the order they came', () => {
    const messages = renderConfluentMessages(
      [
        violation({ rule: 'A', oldVersion: 2 }),
        violation({ rule: 'B', oldVersion: 1 }),
        violation({ rule: 'C', oldVersion: 2 }),
      ],
      'FULL_TRANSITIVE',
      [],
    );
    expect(messages.map((m) => m.slice(0, 16))).toEqual([
      '{errorType:"A", ',
      '{errorType:"C", ',
      '{oldSchemaVersio',
      '{errorType:"B", ',
      '{oldSchemaVersio',
      '{compatibility: ',
    ]);
  });

  it('escapes quotes so each message stays one well-formed string', () => {
    const [first] = renderConfluentMessages(
      [violation({ message: 'Property "a" at #/properties/a' })],
      'FULL',
    );
    expect(first).toContain('description:"Property \\"a\\" at #/properties/a (BACKWARD)"');
  });
});
