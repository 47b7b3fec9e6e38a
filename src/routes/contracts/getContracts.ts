import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { getContracts as readContracts } from '../../services/contracts/getContracts.ts';

/** Bulk contract fetch for consumers at start-up: many subjects in one request, plus the feed position. */
export const getContracts: Handler<'getContracts'> = async ({ c, input, deps, access }) =>
  respond(
    c,
    await readContracts(deps, { subjects: input.body.subjects, versions: input.body.versions, access }),
  );
