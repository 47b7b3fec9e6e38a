import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaText, startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';

const INTEGER = { type: 'integer' };
const NUMBER = { type: 'number' };
const ANY_STRING = { type: 'string' };
const SHORT_STRING = { type: 'string', maxLength: 10 };
const MEDIUM_STRING = { type: 'string', maxLength: 20 };

describe(`compatibility endpoints (${STORAGE})`, () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry?.close();
  });

  const path = (subject: string) => `/subjects/${encodeURIComponent(subject)}`;
  const body = (doc: unknown) => ({ schemaType: 'JSON', schema: schemaText(doc) });
  const register = (subject: string, doc: unknown) =>
    registry.call('POST', `${path(subject)}/versions`, body(doc));
  const check = (subject: string, doc: unknown, query = '') =>
    registry.call('POST', `/compatibility${path(subject)}/versions${query}`, body(doc));
  const checkVersion = (subject: string, version: string | number, doc: unknown, query = '') =>
    registry.call('POST', `/compatibility${path(subject)}/versions/${version}${query}`, body(doc));
  const setLevel = (subject: string, compatibility: string) =>
    registry.call('PUT', `/config/${encodeURIComponent(subject)}`, { compatibility });

  /** A subject holding `docs` as versions 1..n (registered under NONE), then switched to `level`. */
  async function subjectWith(level: string, ...docs: unknown[]): Promise<string> {
    const subject = uniqueSubject(`compat-${level.toLowerCase()}`);
    await setLevel(subject, 'NONE');
    for (const doc of docs) expect((await register(subject, doc)).status).toBe(200);
    await setLevel(subject, level);
    return subject;
  }

  describe('levels pick direction and versions', () => {
    // integer → number widens: backward-compatible (old data still valid), not forward-compatible.
    it.each([
      ['NONE', true],
      ['BACKWARD', true],
      ['BACKWARD_TRANSITIVE', true],
      ['FORWARD', false],
      ['FORWARD_TRANSITIVE', false],
      ['FULL', false],
      ['FULL_TRANSITIVE', false],
    ])('%s: integer → number is_compatible=%s', async (level, expected) => {
      const subject = await subjectWith(level, INTEGER);
      const res = await check(subject, NUMBER);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ is_compatible: expected });
    });

    // The proposed schema matches the latest version but breaks version 1: only transitive levels see it.
    it.each([
      ['BACKWARD', true, [ANY_STRING, SHORT_STRING], MEDIUM_STRING],
      ['BACKWARD_TRANSITIVE', false, [ANY_STRING, SHORT_STRING], MEDIUM_STRING],
      ['FORWARD', true, [SHORT_STRING, ANY_STRING], MEDIUM_STRING],
      ['FORWARD_TRANSITIVE', false, [SHORT_STRING, ANY_STRING], MEDIUM_STRING],
      ['FULL', true, [SHORT_STRING, ANY_STRING], { type: 'string', title: 'same set' }],
      ['FULL_TRANSITIVE', false, [SHORT_STRING, ANY_STRING], { type: 'string', title: 'same set' }],
    ])('%s against a two-version history → is_compatible=%s', async (level, expected, history, proposed) => {
      const subject = await subjectWith(level, ...history);
      const res = await check(subject, proposed, '?verbose=true');
      expect(res.body.is_compatible).toBe(expected);
      if (!expected)
        expect(res.body.violations.map((v: { oldVersion: number }) => v.oldVersion)).toEqual([1]);
    });

    it('registration agrees with the check: non-transitive accepts, transitive refuses', async () => {
      const plain = await subjectWith('BACKWARD', ANY_STRING, SHORT_STRING);
      expect((await register(plain, MEDIUM_STRING)).status).toBe(200);
      const transitive = await subjectWith('BACKWARD_TRANSITIVE', ANY_STRING, SHORT_STRING);
      expect((await register(transitive, MEDIUM_STRING)).status).toBe(409);
    });

    it('accepts anything for a subject with no versions yet', async () => {
      const subject = uniqueSubject('compat-empty');
      expect((await check(subject, INTEGER, '?verbose=true')).body).toEqual({
        is_compatible: true,
        messages: [],
        violations: [],
      });
    });

    it('uses the global level when the subject has none', async () => {
      const subject = uniqueSubject('compat-global');
      expect((await register(subject, INTEGER)).status).toBe(200);
      expect((await check(subject, NUMBER)).body).toEqual({ is_compatible: true });
      await registry.call('PUT', '/config', { compatibility: 'FORWARD' });
      try {
        expect((await check(subject, NUMBER)).body).toEqual({ is_compatible: false });
      } finally {
        await registry.call('DELETE', '/config');
      }
    });

    it('reports FULL violations from both directions', async () => {
      const subject = await subjectWith('FULL', SHORT_STRING);
      const res = await check(subject, { type: 'string', minLength: 2, maxLength: 20 }, '?verbose=true');
      expect(res.body.is_compatible).toBe(false);
      const found = res.body.violations.map((v: { rule: string; direction: string }) => [
        v.rule,
        v.direction,
      ]);
      expect(found).toEqual(
        expect.arrayContaining([
          ['MIN_LENGTH_ADDED', 'BACKWARD'],
          ['MAX_LENGTH_DECREASED', 'FORWARD'],
        ]),
      );
      expect(res.body.messages).toEqual(
        expect.arrayContaining([
          expect.stringContaining('errorType:"MIN_LENGTH_ADDED"'),
          expect.stringContaining('errorType:"MAX_LENGTH_DECREASED"'),
        ]),
      );
      expect(res.body.messages.at(-1)).toBe("{compatibility: 'FULL'}");
    });
  });

  describe('policies', () => {
    const OPEN = { type: 'object', properties: { a: { type: 'string' } } };
    const OPEN_PLUS_B = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } };

    it('STRICT refuses an optional property added to an open object; LENIENT accepts it', async () => {
      const subject = await subjectWith('BACKWARD', OPEN);
      const strict = await check(subject, OPEN_PLUS_B, '?verbose=true');
      expect(strict.body.is_compatible).toBe(false);
      expect(strict.body.violations[0]).toMatchObject({
        rule: 'OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL',
        direction: 'BACKWARD',
        oldVersion: 1,
      });
      await registry.call('PUT', `/config/${subject}`, { compatibilityPolicy: 'lenient' });
      expect((await check(subject, OPEN_PLUS_B)).body).toEqual({ is_compatible: true });
      expect((await register(subject, OPEN_PLUS_B)).status).toBe(200);
    });

    it('takes the policy from the global config when the subject sets none', async () => {
      const subject = await subjectWith('BACKWARD', OPEN);
      await registry.call('PUT', '/config', { compatibilityPolicy: 'LENIENT' });
      try {
        expect((await check(subject, OPEN_PLUS_B)).body).toEqual({ is_compatible: true });
      } finally {
        await registry.call('DELETE', '/config');
      }
      expect((await check(subject, OPEN_PLUS_B)).body).toEqual({ is_compatible: false });
    });
  });

  describe('verbose output', () => {
    it('renders Confluent messages and structured violations', async () => {
      const subject = await subjectWith('BACKWARD', NUMBER);
      const res = await check(subject, INTEGER, '?verbose=true');
      expect(res.status).toBe(200);
      expect(res.body.is_compatible).toBe(false);
      expect(res.body.messages).toEqual([
        expect.stringMatching(/^\{errorType:"TYPE_NARROWED", description:".*#.*"\}$/),
        '{oldSchemaVersion: 1}',
        `{oldSchema: '${schemaText(NUMBER)}'}`,
        "{compatibility: 'BACKWARD'}",
      ]);
      expect(res.body.violations).toEqual([
        expect.objectContaining({
          rule: 'TYPE_NARROWED',
          oldPath: expect.stringMatching(/^#/),
          newPath: expect.stringMatching(/^#/),
          message: expect.any(String),
          direction: 'BACKWARD',
          oldVersion: 1,
        }),
      ]);
    });

    it('adds counterexamples the old schema accepts and the new one rejects', async () => {
      const subject = await subjectWith('BACKWARD', NUMBER);
      const res = await check(subject, INTEGER, '?verbose=true');
      const counterexample = res.body.violations[0].counterexample;
      if (counterexample !== undefined) {
        expect(typeof counterexample).toBe('number');
        expect(Number.isInteger(counterexample)).toBe(false);
      }
    });

    it('answers empty lists for a compatible verdict and no lists without verbose', async () => {
      const subject = await subjectWith('BACKWARD', INTEGER);
      expect((await check(subject, NUMBER, '?verbose=true')).body).toEqual({
        is_compatible: true,
        messages: [],
        violations: [],
      });
      expect((await check(subject, INTEGER)).body).toEqual({ is_compatible: true });
    });

    it('turns an unparsable schema into 42201, or into a verdict with the reason when verbose', async () => {
      const subject = await subjectWith('BACKWARD', INTEGER);
      const bad = { schemaType: 'JSON', schema: '{"type": ' };
      const plain = await registry.call('POST', `/compatibility${path(subject)}/versions`, bad);
      expect(plain.status).toBe(422);
      expect(plain.body.error_code).toBe(42201);
      const verbose = await registry.call(
        'POST',
        `/compatibility${path(subject)}/versions?verbose=true`,
        bad,
      );
      expect(verbose.status).toBe(200);
      expect(verbose.body).toEqual({ is_compatible: false, messages: [expect.any(String)] });
      const single = await registry.call(
        'POST',
        `/compatibility${path(subject)}/versions/latest?verbose=true`,
        bad,
      );
      expect(single.body.is_compatible).toBe(false);
    });

    it('answers a body without schema with 42201', async () => {
      const subject = await subjectWith('BACKWARD', INTEGER);
      const res = await registry.call('POST', `/compatibility${path(subject)}/versions`, {
        schemaType: 'JSON',
      });
      expect(res.status).toBe(422);
      expect(res.body.error_code).toBe(42201);
    });
  });

  describe('against one version', () => {
    it('compares with exactly that version, in the level direction, ignoring transitivity', async () => {
      const subject = await subjectWith('BACKWARD_TRANSITIVE', ANY_STRING, SHORT_STRING);
      expect((await checkVersion(subject, 2, MEDIUM_STRING)).body).toEqual({ is_compatible: true });
      expect((await checkVersion(subject, 'latest', MEDIUM_STRING)).body).toEqual({ is_compatible: true });
      expect((await checkVersion(subject, -1, MEDIUM_STRING)).body).toEqual({ is_compatible: true });
      const v1 = await checkVersion(subject, 1, MEDIUM_STRING, '?verbose=true');
      expect(v1.body.is_compatible).toBe(false);
      expect(v1.body.violations[0]).toMatchObject({
        rule: 'MAX_LENGTH_ADDED',
        direction: 'BACKWARD',
        oldVersion: 1,
      });
      expect(v1.body.messages).toContain('{oldSchemaVersion: 1}');
      expect(v1.body.messages.at(-1)).toBe("{compatibility: 'BACKWARD_TRANSITIVE'}");
    });

    it('checks both directions under FULL and always passes under NONE', async () => {
      const full = await subjectWith('FULL', INTEGER);
      expect((await checkVersion(full, 1, NUMBER)).body).toEqual({ is_compatible: false });
      const none = await subjectWith('NONE', INTEGER);
      expect((await checkVersion(none, 1, ANY_STRING)).body).toEqual({ is_compatible: true });
    });

    it('treats latest of an unknown subject as compatible and a numeric version of it as 40401', async () => {
      const subject = uniqueSubject('compat-unknown');
      expect((await checkVersion(subject, 'latest', INTEGER)).body).toEqual({ is_compatible: true });
      expect((await checkVersion(subject, 'LATEST', INTEGER, '?verbose=true')).body.is_compatible).toBe(true);
      const numeric = await checkVersion(subject, 1, INTEGER);
      expect(numeric.status).toBe(404);
      expect(numeric.body.error_code).toBe(40401);
    });

    it('answers 40402 for a version that does not exist and 42202 for a bad segment', async () => {
      const subject = await subjectWith('BACKWARD', INTEGER);
      const missing = await checkVersion(subject, 7, INTEGER);
      expect(missing.status).toBe(404);
      expect(missing.body.error_code).toBe(40402);
      for (const bad of ['0', '-2', '1.5', 'newest']) {
        const res = await checkVersion(subject, bad, INTEGER);
        expect(res.status).toBe(422);
        expect(res.body.error_code).toBe(42202);
      }
    });
  });

  describe('soft-deleted versions never take part', () => {
    it('drops a soft-deleted version from the transitive check and from latest', async () => {
      const subject = await subjectWith('BACKWARD_TRANSITIVE', ANY_STRING, SHORT_STRING);
      expect((await check(subject, MEDIUM_STRING)).body).toEqual({ is_compatible: false });
      expect((await registry.call('DELETE', `${path(subject)}/versions/1`)).status).toBe(200);
      expect((await check(subject, MEDIUM_STRING)).body).toEqual({ is_compatible: true });
      expect((await checkVersion(subject, 1, MEDIUM_STRING)).body.error_code).toBe(40402);
    });

    it('compares latest with the newest live version after the top one is soft-deleted', async () => {
      const subject = await subjectWith('BACKWARD', ANY_STRING, SHORT_STRING);
      expect((await checkVersion(subject, 'latest', MEDIUM_STRING)).body).toEqual({ is_compatible: true });
      await registry.call('DELETE', `${path(subject)}/versions/2`);
      expect((await checkVersion(subject, 'latest', MEDIUM_STRING)).body).toEqual({ is_compatible: false });
    });
  });

  describe('register refuses with 409', () => {
    it('carries error_code 409, the subject, the Confluent details and the violations; writes nothing', async () => {
      const subject = await subjectWith('BACKWARD', NUMBER);
      const res = await register(subject, INTEGER);
      expect(res.status).toBe(409);
      expect(res.body.error_code).toBe(409);
      expect(res.body.message).toContain(`subject "${subject}"`);
      expect(res.body.message).toContain('errorType:"TYPE_NARROWED"');
      expect(res.body.message).toContain("{compatibility: 'BACKWARD'}");
      expect(res.body.violations).toEqual([
        expect.objectContaining({ rule: 'TYPE_NARROWED', direction: 'BACKWARD', oldVersion: 1 }),
      ]);
      expect((await registry.call('GET', `${path(subject)}/versions`)).body).toEqual([1]);
    });

    it('leaves the subject unchanged after any compatibility check', async () => {
      const subject = await subjectWith('NONE', INTEGER);
      await check(subject, NUMBER);
      await checkVersion(subject, 1, NUMBER);
      expect((await registry.call('GET', `${path(subject)}/versions`)).body).toEqual([1]);
    });
  });
});
