import type { ApiKeyRow } from '../../db/repositories/apiKeys.ts';
import type { components } from '../../generated/openapi.ts';

export type ApiKeyView = components['schemas']['ApiKey'];

/** A stored key as the API shows it: never its secret or hash; absent fields omitted. */
export function keyView(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    role: row.role as ApiKeyView['role'],
    ...(row.subjects === null ? {} : { subjects: row.subjects }),
    ...(row.description === null ? {} : { description: row.description }),
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt === null ? null : row.lastUsedAt.toISOString(),
  };
}
