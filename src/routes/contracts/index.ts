import type { Router } from '../../http/router.ts';
import { getContracts } from './getContracts.ts';

export function registerContractRoutes(router: Router): void {
  router.handle('getContracts', getContracts);
}
