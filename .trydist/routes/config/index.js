import { deleteGlobalConfig } from "./deleteGlobalConfig.js";
import { deleteSubjectConfig } from "./deleteSubjectConfig.js";
import { getGlobalConfig } from "./getGlobalConfig.js";
import { getSubjectConfig } from "./getSubjectConfig.js";
import { updateGlobalConfig } from "./updateGlobalConfig.js";
import { updateSubjectConfig } from "./updateSubjectConfig.js";
export function registerConfigRoutes(router) {
    router.handle('getGlobalConfig', getGlobalConfig);
    router.handle('updateGlobalConfig', updateGlobalConfig);
    router.handle('deleteGlobalConfig', deleteGlobalConfig);
    router.handle('getSubjectConfig', getSubjectConfig);
    router.handle('updateSubjectConfig', updateSubjectConfig);
    router.handle('deleteSubjectConfig', deleteSubjectConfig);
}
