import { describe, expect, it } from 'vitest';
import { roleAllows, seesCatalog, seesEvent, seesSubject, type Access } from './access.ts';

const key = (role: Access['role'], prefixes: string[] | null): Access => ({ actor: 'k', role, prefixes });

describe('access rules', () => {
  it.each([
    ['read', 'public', true],
    ['read', 'read', true],
    ['read', 'write', false],
    ['write', 'read', true],
    ['write', 'admin', false],
    ['admin', 'write', true],
  ] as const)('role %s meets %s: %s', (role, needed, allowed) => {
    expect(roleAllows(role, needed)).toBe(allowed);
  });

  it.each([
    [null, 'anything', true],
    [['orders-'], 'orders-value', true],
    [['orders-'], 'order', false],
    [['a.', 'b.'], 'b.x', true],
    [[], 'a', false],
  ] as const)('prefixes %j see subject %s: %s', (prefixes, subject, sees) => {
    expect(seesSubject({ prefixes: prefixes === null ? null : [...prefixes] }, subject)).toBe(sees);
  });

  it.each([
    [['user-profile.'], 'user-profile', true],
    [['user-profile.public.'], 'user-profile', false],
    [['user-'], 'user-profile', true],
    [['orders.'], 'user-profile', false],
  ] as const)('prefixes %j may use catalog %s: %s', (prefixes, catalog, sees) => {
    expect(seesCatalog({ prefixes: [...prefixes] }, catalog)).toBe(sees);
  });

  it.each([
    [key('read', ['a-']), 'schema.registered', 'a-1', true],
    [key('read', ['a-']), 'schema.registered', 'b-1', false],
    [key('read', ['a-']), 'config.changed', null, true],
    [key('admin', null), 'key.created', null, true],
    [key('admin', ['a-']), 'key.revoked', null, false],
    [key('write', null), 'key.created', null, false],
  ] as const)('%j sees %s of %s: %s', (access, type, subject, sees) => {
    expect(seesEvent(access, type, subject)).toBe(sees);
  });
});
