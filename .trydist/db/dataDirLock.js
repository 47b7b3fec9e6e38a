import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
export class DataDirLockedError extends Error {
    constructor(dataDir, pid) {
        super(`data directory ${dataDir} is in use by another Schemata process (pid ${pid}); ` +
            'embedded mode allows one process per DATA_DIR — stop it, choose another DATA_DIR, or set DATABASE_URL');
        this.name = 'DataDirLockedError';
    }
}
/** Takes `<dataDir>/schemata.lock` (pid file, created exclusively); a stale lock of a dead process is taken over. */
export function acquireDataDirLock(dataDir) {
    const path = join(dataDir, 'schemata.lock');
    for (let attempt = 0; attempt < 2; attempt++) {
        try {
            const fd = openSync(path, 'wx');
            writeSync(fd, String(process.pid));
            closeSync(fd);
            return { release: () => rmSync(path, { force: true }) };
        }
        catch (error) {
            if (error.code !== 'EEXIST')
                throw error;
            const owner = Number(readFileSync(path, 'utf8').trim());
            if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
                throw new DataDirLockedError(dataDir, owner);
            }
            rmSync(path, { force: true });
        }
    }
    throw new Error(`could not take the lock ${path}`);
}
function isAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return error.code === 'EPERM';
    }
}
