export class DomainError extends Error {
    kind;
    extra;
    constructor(kind, message, 
    /** Extra fields rendered beside `error_code` and `message` (e.g. `violations`). */
    extra) {
        super(message);
        this.kind = kind;
        this.extra = extra;
        this.name = 'DomainError';
    }
}
export const subjectNotFound = (subject) => new DomainError('SUBJECT_NOT_FOUND', `Subject '${subject}' not found.`);
export const versionNotFound = (subject, version) => new DomainError('VERSION_NOT_FOUND', `Version ${version} not found for subject '${subject}'.`);
export const schemaNotFound = (what = 'Schema') => new DomainError('SCHEMA_NOT_FOUND', `${what} not found.`);
