import type { Router } from '../../http/router.ts';
import { deleteGlobalConfig } from './deleteGlobalConfig.ts';
import { deleteSubjectConfig } from './deleteSubjectConfig.ts';
import { getGlobalConfig } from './getGlobalConfig.ts';
import { getSubjectConfig } from './getSubjectConfig.ts';
import { updateGlobalConfig } from './updateGlobalConfig.ts';
import { updateSubjectConfig } from './updateSubjectConfig.ts';

export function registerConfigRoutes(router: Router): void {
  router.handle('getGlobalConfig', getGlobalConfig);
  router.handle('updateGlobalConfig', updateGlobalConfig);
  router.handle('deleteGlobalConfig', deleteGlobalConfig);
  router.handle('getSubjectConfig', getSubjectConfig);
  router.handle('updateSubjectConfig', updateSubjectConfig);
  router.handle('deleteSubjectConfig', deleteSubjectConfig);
}
