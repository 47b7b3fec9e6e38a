import type { Router } from '../../http/router.ts';
import { createKey } from './createKey.ts';
import { listKeys } from './listKeys.ts';
import { revokeKey } from './revokeKey.ts';

export function registerAdminRoutes(router: Router): void {
  router.handle('createKey', createKey);
  router.handle('listKeys', listKeys);
  router.handle('revokeKey', revokeKey);
}
