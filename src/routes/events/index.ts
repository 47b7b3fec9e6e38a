import type { Router } from '../../http/router.ts';
import { listEvents } from './listEvents.ts';
import { streamEvents } from './streamEvents.ts';

export function registerEventRoutes(router: Router): void {
  router.handle('listEvents', listEvents);
  router.handle('streamEvents', streamEvents);
}
