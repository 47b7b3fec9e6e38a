import type { Context } from 'hono';
import { DomainError } from '../domain/errors.ts';

/** Media types whose bodies are JSON for the Confluent API (§1 of the contract); parameters are ignored. */
const JSON_MEDIA_TYPES = new Set([
  'application/vnd.schemaregistry.v1+json',
  'application/vnd.schemaregistry+json',
  'application/json',
  'application/octet-stream',
  '',
]);

/**
 * Reads a JSON request body from its text, whatever JSON-ish content type it came with
 * (Hono's json validator silently drops vendor types). Returns `undefined` for an empty body.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!JSON_MEDIA_TYPES.has(mediaType)) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `Content-Type '${mediaType}' is not supported; send JSON.`);
  }
  const text = await c.req.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DomainError('BAD_REQUEST', 'The request body is not valid JSON.');
  }
}
