import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { getConfig } from '../../services/config/getConfig.ts';

/** The subject's own config, or 404/40408 (kafkajs relies on it) unless `defaultToGlobal=true`. */
export const getSubjectConfig: Handler<'getSubjectConfig'> = async ({ c, input, deps, access }) =>
  respond(
    c,
    await getConfig(deps, {
      subject: input.path.subject,
      defaultToGlobal: input.query.defaultToGlobal === true,
      access,
    }),
  );
