// Runs after every `npm install` / `npm ci` (the `postinstall` script): fixes a bug in postgres.js 3.4.9
// that can stall or misanswer a query when the server drops a connection (restart, failover, a terminated
// backend).
//
// A socket error rejects the queries in flight, but the socket's 'close' event comes one turn later. A query
// issued in between is queued on the dying connection and its bytes are held for a later write. When the
// close arrives with an error, `closed()` rejects nothing and keeps the held bytes, so that query is never
// answered (a caller waits forever). Should the connection reconnect, it sends the stale bytes ahead of its
// StartupMessage and waits out connect_timeout (10 s). The fix: on close, fail whatever is still in flight,
// with or without an error, and drop the held bytes.
//
// The patch is applied only to the exact version it was written for; any other version fails this project's
// install, so an upgrade makes us look again. (Installed as another project's dependency, it only warns.)
// Drop this script once a release carries a fix.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSION = '3.4.9';
const MARK = '// patched by schemata (scripts/patch-postgres.mjs)';
const CLOSED = 'async function closed(hadError) {';
/** Each replacement must match exactly once inside closed(). */
const REPLACEMENTS = [
  [
    'clearImmediate(nextWriteTimer)\n',
    `clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null ${MARK}\n`,
  ],
  [
    "!hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))\n",
    // An `if`, not `(…) && …`: the line before has no semicolon, and a leading parenthesis would continue it.
    `if (query || sent.length) error(Errors.connection('CONNECTION_CLOSED', options, socket)) ${MARK}\n`,
  ],
];

const require = createRequire(import.meta.url);
// The package's exports hide package.json; its CommonJS entry is <root>/cjs/src/index.js.
const root = join(dirname(require.resolve('postgres')), '..', '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
if (version !== VERSION) fail(`written for postgres ${VERSION}, found ${version}; review the patch`);

for (const file of ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js']) {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  if (text.includes(MARK)) continue;
  const start = text.indexOf(CLOSED);
  const end = text.indexOf('\n  }\n', start);
  if (start < 0 || end < 0) fail(`${file}: closed() not found`);
  let body = text.slice(start, end);
  for (const [from, to] of REPLACEMENTS) {
    if (body.split(from).length !== 2) fail(`${file}: closed() is not the one this patch knows`);
    body = body.replace(from, to);
  }
  writeFileSync(path, text.slice(0, start) + body + text.slice(end));
}

function fail(message) {
  console.error(`patch-postgres: ${message}; postgres.js left unpatched.`);
  const asDependency = fileURLToPath(import.meta.url)
    .split(sep)
    .includes('node_modules');
  process.exit(asDependency ? 0 : 1);
}
