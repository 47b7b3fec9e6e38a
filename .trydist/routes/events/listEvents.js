import { respond } from "../../http/respond.js";
import { readFeed } from "../../events/store.js";
const DEFAULT_LIMIT = 1_000;
/** The durable feed: events after `after` in seq order; `next` is what to pass as `after` to read on. */
export const listEvents = async ({ c, input, deps }) => {
    const page = await readFeed(deps.db, {
        after: input.query.after ?? 0,
        limit: input.query.limit ?? DEFAULT_LIMIT,
        subject: input.query.subject,
        type: input.query.type,
    });
    return respond(c, { events: page.events, next: page.next });
};
