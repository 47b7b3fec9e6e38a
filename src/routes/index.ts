import type { Router } from '../http/router.ts';
import { registerRootRoutes } from './root/index.ts';
import { registerHealthRoutes } from './health/index.ts';
import { registerEventRoutes } from './events/index.ts';
import { registerContractRoutes } from './contracts/index.ts';
import { registerConfigRoutes } from './config/index.ts';
import { registerModeRoutes } from './mode/index.ts';
import { registerCompatibilityRoutes } from './compatibility/index.ts';
import { registerSubjectRoutes } from './subjects/index.ts';
import { registerSchemaRoutes } from './schemas/index.ts';
import { registerAdminRoutes } from './admin/index.ts';
import { registerMetricsRoutes } from './metrics/index.ts';
import { registerDocsRoutes } from './docs/index.ts';

/** The route table: each resource lists its operations in its own index.ts. */
export function registerRoutes(router: Router): void {
  registerRootRoutes(router);
  registerHealthRoutes(router);
  registerEventRoutes(router);
  registerContractRoutes(router);
  registerConfigRoutes(router);
  registerModeRoutes(router);
  registerCompatibilityRoutes(router);
  registerSubjectRoutes(router);
  registerSchemaRoutes(router);
  registerAdminRoutes(router);
  registerMetricsRoutes(router);
  registerDocsRoutes(router);
}
