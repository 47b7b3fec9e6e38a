import { listSubjectNames } from "../../db/repositories/versions.js";
/**
 * GET /subjects: sorted names of subjects with a live version; with `deleted` also subjects whose
 * versions are all soft-deleted; with `deletedOnly` the subjects that have a soft-deleted version.
 */
export async function listSubjects(deps, input) {
    const filter = input.deletedOnly ? 'deletedOnly' : input.deleted ? 'all' : 'live';
    return listSubjectNames(deps.db, {
        prefix: input.prefix,
        filter,
        offset: input.offset,
        limit: input.limit,
    });
}
