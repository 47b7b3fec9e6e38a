import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { checkSubjectCompatibility } from '../../services/compatibility/checkSubjectCompatibility.ts';
import { countedCheck } from '../../services/compatibility/countedCheck.ts';

/** Runs exactly the check registration would run; `verbose=true` adds messages and violations. */
export const checkCompatibility: Handler<'checkCompatibility'> = async ({ c, input, deps, access }) =>
  respond(
    c,
    await countedCheck(deps, () =>
      checkSubjectCompatibility(deps, {
        subject: input.path.subject,
        body: input.body,
        normalize: input.query.normalize === true,
        verbose: input.query.verbose === true,
        access,
      }),
    ),
  );
