import { streamSSE } from 'hono/streaming';
import { DomainError } from '../../domain/errors.ts';
import type { Handler } from '../../http/router.ts';
import { streamFeed } from '../../events/sse.ts';
import { readHead } from '../../events/store.ts';

/**
 * Server-sent events. Resumes after `Last-Event-ID` (what EventSource sends on reconnect), else after
 * `?after=`, else starts at the current head (live events only).
 */
export const streamEvents: Handler<'streamEvents'> = async ({ c, input, deps, access }) => {
  const lastEventId = input.header['Last-Event-ID']?.trim();
  if (lastEventId !== undefined && lastEventId !== '' && !/^\d{1,15}$/.test(lastEventId)) {
    throw new DomainError('BAD_REQUEST', 'Last-Event-ID must be the seq of an event.');
  }
  const after =
    lastEventId !== undefined && lastEventId !== ''
      ? Number(lastEventId)
      : (input.query.after ?? (await readHead(deps.db)));
  return streamSSE(c, (stream) =>
    streamFeed(deps, stream, { after, subject: input.query.subject, type: input.query.type, access }),
  );
};
