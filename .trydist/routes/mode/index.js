import { deleteGlobalMode } from "./deleteGlobalMode.js";
import { deleteSubjectMode } from "./deleteSubjectMode.js";
import { getGlobalMode } from "./getGlobalMode.js";
import { getSubjectMode } from "./getSubjectMode.js";
import { updateGlobalMode } from "./updateGlobalMode.js";
import { updateSubjectMode } from "./updateSubjectMode.js";
export function registerModeRoutes(router) {
    router.handle('getGlobalMode', getGlobalMode);
    router.handle('updateGlobalMode', updateGlobalMode);
    router.handle('deleteGlobalMode', deleteGlobalMode);
    router.handle('getSubjectMode', getSubjectMode);
    router.handle('updateSubjectMode', updateSubjectMode);
    router.handle('deleteSubjectMode', deleteSubjectMode);
}
