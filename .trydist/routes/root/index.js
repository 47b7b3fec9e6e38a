import { getRoot } from "./getRoot.js";
import { listContexts } from "./listContexts.js";
export function registerRootRoutes(router) {
    router.handle('getRoot', getRoot);
    router.handle('listContexts', listContexts);
}
