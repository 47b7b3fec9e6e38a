import type { Router } from '../http/router.ts';
import { registerRootRoutes } from './root/index.ts';
import { registerHealthRoutes } from './health/index.ts';

/** The route table: each resource lists its operations in its own index.ts. */
export function registerRoutes(router: Router): void {
  registerRootRoutes(router);
  registerHealthRoutes(router);
}
