import type { Router } from '../../http/router.ts';
import { getHealth } from './getHealth.ts';

export function registerHealthRoutes(router: Router): void {
  router.handle('getHealth', getHealth);
}
