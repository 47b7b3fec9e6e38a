import type { Router } from '../../http/router.ts';
import { getRoot } from './getRoot.ts';
import { listContexts } from './listContexts.ts';

export function registerRootRoutes(router: Router): void {
  router.handle('getRoot', getRoot);
  router.handle('listContexts', listContexts);
}
