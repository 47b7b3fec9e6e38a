import { getHealth } from "./getHealth.js";
export function registerHealthRoutes(router) {
    router.handle('getHealth', getHealth);
}
