const RANK = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
/** Structured JSON lines on stderr, filtered by level. */
export function createLogger(level, write = (l) => process.stderr.write(l)) {
    const log = (at) => (message, fields) => {
        if (RANK[at] < RANK[level])
            return;
        write(`${JSON.stringify({ time: new Date().toISOString(), level: at, message, ...fields })}\n`);
    };
    return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
