import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { checkVersionCompatibility } from '../../services/compatibility/checkVersionCompatibility.ts';
import { countedCheck } from '../../services/compatibility/countedCheck.ts';

/** Compares with exactly one live version in the direction(s) of the subject's level. */
export const checkCompatibilityWithVersion: Handler<'checkCompatibilityWithVersion'> = async ({
  c,
  input,
  deps,
  access,
}) =>
  respond(
    c,
    await countedCheck(deps, () =>
      checkVersionCompatibility(deps, {
        subject: input.path.subject,
        version: input.path.version,
        body: input.body,
        normalize: input.query.normalize === true,
        verbose: input.query.verbose === true,
        access,
      }),
    ),
  );
