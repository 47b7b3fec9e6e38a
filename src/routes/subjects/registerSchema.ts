import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { failedRegistration } from '../../metrics.ts';
import { registerSchema as register } from '../../services/subjects/registerSchema.ts';

/** POST /subjects/{s}/versions: `{id, version, schemaType, schema, references?}` (canonical text, empty fields omitted). */
export const registerSchema: Handler<'registerSchema'> = async ({ c, input, deps, access }) => {
  const { id, version, parsed } = await register(deps, {
    subject: input.path.subject,
    body: input.body,
    normalize: input.query.normalize === true,
    access,
  }).catch((error: unknown) => {
    deps.metrics.registration(failedRegistration(error));
    throw error;
  });
  deps.metrics.registration('registered');
  return respond(c, {
    id,
    version,
    schemaType: parsed.schemaType,
    schema: parsed.canonical,
    ...(parsed.referenceList.length > 0 ? { references: parsed.referenceList } : {}),
    ...(parsed.metadata === undefined ? {} : { metadata: parsed.metadata }),
    ...(parsed.ruleSet === undefined ? {} : { ruleSet: parsed.ruleSet }),
  });
};
