import { respond } from "../../http/respond.js";
import { registerSchema as register } from "../../services/subjects/registerSchema.js";
/** POST /subjects/{s}/versions: `{id, version, schemaType, schema, references?}` (canonical text, empty fields omitted). */
export const registerSchema = async ({ c, input, deps }) => {
    const { id, version, parsed } = await register(deps, {
        subject: input.path.subject,
        body: input.body,
        normalize: input.query.normalize === true,
    });
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
