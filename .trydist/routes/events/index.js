import { listEvents } from "./listEvents.js";
import { streamEvents } from "./streamEvents.js";
export function registerEventRoutes(router) {
    router.handle('listEvents', listEvents);
    router.handle('streamEvents', streamEvents);
}
