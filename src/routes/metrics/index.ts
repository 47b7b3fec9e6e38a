import type { Router } from '../../http/router.ts';
import { getMetrics } from './getMetrics.ts';

export function registerMetricsRoutes(router: Router): void {
  router.handle('getMetrics', getMetrics);
}
