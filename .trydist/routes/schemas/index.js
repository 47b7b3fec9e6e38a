import { getSchemaById } from "./getSchemaById.js";
import { getSchemaTextById } from "./getSchemaTextById.js";
import { getSchemaTypes } from "./getSchemaTypes.js";
import { getSubjectsById } from "./getSubjectsById.js";
import { getVersionsById } from "./getVersionsById.js";
import { listSchemas } from "./listSchemas.js";
export function registerSchemaRoutes(router) {
    router.handle('listSchemas', listSchemas);
    router.handle('getSchemaTypes', getSchemaTypes);
    router.handle('getSchemaById', getSchemaById);
    router.handle('getSchemaTextById', getSchemaTextById);
    router.handle('getSubjectsById', getSubjectsById);
    router.handle('getVersionsById', getVersionsById);
}
