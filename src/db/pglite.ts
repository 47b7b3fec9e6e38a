import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';

/**
 * PGlite as the embedded registry runs it. Two things decide its memory:
 *
 * - `shared_buffers`: PGlite's cluster defaults to 128 MB, which grows the WASM heap past its 128 MiB
 *   floor (PGlite's smallest heap). The registry's working set is far smaller, and the operating system
 *   caches the data files anyway: 16 MB keeps the heap at its floor.
 * - initdb: a fresh directory is initialised by a second PGlite instance plus a copy of its heap, which
 *   the process never gives back (about 450 MiB more RSS for the life of the process; in a worker thread
 *   still about 170 MiB, kept by the allocator). It runs in a short-lived child process instead, whose
 *   memory goes with it; then the directory is opened as usual.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

const OPTIONS: PGliteOptions = { startParams: START_PARAMS };

/** Whether `pgdata` holds an initialised cluster. */
export function isInitialised(pgdata: string): boolean {
  return existsSync(join(pgdata, 'PG_VERSION'));
}

/**
 * Opens PGlite on `dataDir` (`memory://` for RAM). `onInitialise` is called before a fresh directory is
 * initialised, the one slow step of a first start.
 */
export async function openPglite(dataDir: string, onInitialise?: () => void): Promise<PGlite> {
  if (!dataDir.startsWith('memory://') && !isInitialised(dataDir)) {
    onInitialise?.();
    await initialiseInChild(dataDir);
  }
  return PGlite.create(dataDir, OPTIONS);
}

// Run by `node -e` (CommonJS, so no TypeScript loader is needed); PGlite is imported by its URL.
const INITDB_SCRIPT = `
const [pglite, dataDir, startParams] = process.argv.slice(1);
import(pglite)
  .then(async (module) => {
    const PGlite = module.PGlite ?? module.default.PGlite;
    const db = await PGlite.create(dataDir, { startParams: JSON.parse(startParams) });
    await db.close();
  })
  .catch((error) => {
    process.stderr.write(String((error && error.message) || error));
    process.exit(1);
  });
`;

/** PGlite's entry point for the child (module runners such as vitest's may lack `import.meta.resolve`). */
function pgliteUrl(): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('@electric-sql/pglite');
  return pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
}

async function initialiseInChild(dataDir: string): Promise<void> {
  const args = ['-e', INITDB_SCRIPT, pgliteUrl(), dataDir, JSON.stringify(START_PARAMS)];
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error === null) resolve();
      else
        reject(
          new Error(`could not initialise the data directory ${dataDir}: ${stderr.trim() || error.message}`),
        );
    });
  });
}
