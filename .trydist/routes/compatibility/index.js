import { checkCompatibility } from "./checkCompatibility.js";
import { checkCompatibilityWithVersion } from "./checkCompatibilityWithVersion.js";
export function registerCompatibilityRoutes(router) {
    router.handle('checkCompatibility', checkCompatibility);
    router.handle('checkCompatibilityWithVersion', checkCompatibilityWithVersion);
}
