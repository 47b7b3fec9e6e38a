import { expect } from 'vitest';
import type { TestRegistry } from '../helpers/registry.ts';

/** The ADMIN_KEY the auth suites start their registries with. */
export const ADMIN_SECRET = 'test-admin-secret-0123456789';

export const basic = (id: string, secret: string): Record<string, string> => ({
  authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
});

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

export const ADMIN = basic('admin', ADMIN_SECRET);

export interface CreatedKey {
  id: string;
  secret: string;
  token: string;
  role: string;
  subjects?: string[];
  headers: Record<string, string>;
}

/** Creates a key through POST /admin/keys with the admin key. */
export async function createKey(
  registry: TestRegistry,
  body: { role: 'read' | 'write' | 'admin'; subjects?: string[]; description?: string },
): Promise<CreatedKey> {
  const res = await registry.call('POST', '/admin/keys', body, ADMIN);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const key = res.body as Omit<CreatedKey, 'headers'>;
  return { ...key, headers: basic(key.id, key.secret) };
}
