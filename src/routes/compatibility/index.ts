import type { Router } from '../../http/router.ts';
import { checkCompatibility } from './checkCompatibility.ts';
import { checkCompatibilityWithVersion } from './checkCompatibilityWithVersion.ts';

export function registerCompatibilityRoutes(router: Router): void {
  router.handle('checkCompatibility', checkCompatibility);
  router.handle('checkCompatibilityWithVersion', checkCompatibilityWithVersion);
}
