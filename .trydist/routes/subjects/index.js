import { deleteSubject } from "./deleteSubject.js";
import { deleteVersion } from "./deleteVersion.js";
import { getReferencedBy } from "./getReferencedBy.js";
import { getVersion } from "./getVersion.js";
import { getVersionSchema } from "./getVersionSchema.js";
import { listSubjects } from "./listSubjects.js";
import { listVersions } from "./listVersions.js";
import { lookupSchema } from "./lookupSchema.js";
import { registerSchema } from "./registerSchema.js";
export function registerSubjectRoutes(router) {
    router.handle('listSubjects', listSubjects);
    router.handle('lookupSchema', lookupSchema);
    router.handle('deleteSubject', deleteSubject);
    router.handle('listVersions', listVersions);
    router.handle('registerSchema', registerSchema);
    router.handle('getVersion', getVersion);
    router.handle('deleteVersion', deleteVersion);
    router.handle('getVersionSchema', getVersionSchema);
    router.handle('getReferencedBy', getReferencedBy);
}
