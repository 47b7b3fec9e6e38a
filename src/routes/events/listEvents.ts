import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { readFeed } from '../../events/store.ts';

const DEFAULT_LIMIT = 1_000;

/** The durable feed: events after `after` in seq order; `next` is what to pass as `after` to read on. */
export const listEvents: Handler<'listEvents'> = async ({ c, input, deps, access }) => {
  const page = await readFeed(deps.db, {
    after: input.query.after ?? 0,
    limit: input.query.limit ?? DEFAULT_LIMIT,
    subject: input.query.subject,
    type: input.query.type,
    access,
  });
  return respond(c, { events: page.events, next: page.next });
};
