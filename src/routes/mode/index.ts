import type { Router } from '../../http/router.ts';
import { deleteGlobalMode } from './deleteGlobalMode.ts';
import { deleteSubjectMode } from './deleteSubjectMode.ts';
import { getGlobalMode } from './getGlobalMode.ts';
import { getSubjectMode } from './getSubjectMode.ts';
import { updateGlobalMode } from './updateGlobalMode.ts';
import { updateSubjectMode } from './updateSubjectMode.ts';

export function registerModeRoutes(router: Router): void {
  router.handle('getGlobalMode', getGlobalMode);
  router.handle('updateGlobalMode', updateGlobalMode);
  router.handle('deleteGlobalMode', deleteGlobalMode);
  router.handle('getSubjectMode', getSubjectMode);
  router.handle('updateSubjectMode', updateSubjectMode);
  router.handle('deleteSubjectMode', deleteSubjectMode);
}
