import type { Router } from '../../http/router.ts';
import { getSchemaById } from './getSchemaById.ts';
import { getSchemaTextById } from './getSchemaTextById.ts';
import { getSchemaTypes } from './getSchemaTypes.ts';
import { getSubjectsById } from './getSubjectsById.ts';
import { getVersionsById } from './getVersionsById.ts';
import { listSchemas } from './listSchemas.ts';

export function registerSchemaRoutes(router: Router): void {
  router.handle('listSchemas', listSchemas);
  router.handle('getSchemaTypes', getSchemaTypes);
  router.handle('getSchemaById', getSchemaById);
  router.handle('getSchemaTextById', getSchemaTextById);
  router.handle('getSubjectsById', getSubjectsById);
  router.handle('getVersionsById', getVersionsById);
}
