import { respond } from "../../http/respond.js";
import { SUPPORTED_SCHEMA_TYPES } from "../../domain/schema/json/schemaType.js";
/** GET /schemas/types: the types Schemata accepts for registration (not Confluent's full list). */
export const getSchemaTypes = ({ c }) => respond(c, SUPPORTED_SCHEMA_TYPES);
