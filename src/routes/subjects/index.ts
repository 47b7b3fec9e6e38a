import type { Router } from '../../http/router.ts';
import { deleteSubject } from './deleteSubject.ts';
import { deleteVersion } from './deleteVersion.ts';
import { getReferencedBy } from './getReferencedBy.ts';
import { getVersion } from './getVersion.ts';
import { getVersionSchema } from './getVersionSchema.ts';
import { listSubjects } from './listSubjects.ts';
import { listVersions } from './listVersions.ts';
import { lookupSchema } from './lookupSchema.ts';
import { registerSchema } from './registerSchema.ts';

export function registerSubjectRoutes(router: Router): void {
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
