import type { Handler } from '../../http/router.ts';
import { respond } from '../../http/respond.ts';
import { SUPPORTED_SCHEMA_TYPES } from '../../domain/schema/json/schemaType.ts';

/** GET /schemas/types: the types Schemata accepts for registration (not Confluent's full list). */
export const getSchemaTypes: Handler<'getSchemaTypes'> = ({ c }) => respond(c, SUPPORTED_SCHEMA_TYPES);
