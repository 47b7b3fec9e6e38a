import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';

/**
 * PGlite as the embedded registry runs it. Two things decide its memory:
 *
 * - `shared_buffers`: PGlite's cluster defaults to 128 MB, which grows the WASM heap past its 128 MiB
 *   floor (PGlite's smallest heap). The registry's working set is far smaller, and the operating system
 *   caches the data files anyway: 16 MB keeps the heap at its floor.
 * - initdb: a fresh directory is initialised by a second PGlite instance plus a copy of its heap, which
 *   the process never gives back (about 450 MiB more RSS for the life of the process). It runs in a worker
 *   thread instead, whose memory is returned when the thread ends; then the directory is opened as usual.
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
    await initialiseInWorker(dataDir);
  }
  return PGlite.create(dataDir, OPTIONS);
}

// A CommonJS script (eval), so the worker needs no loader for TypeScript; PGlite is imported by its URL.
const INITDB_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.pglite)
  .then(async (module) => {
    const PGlite = module.PGlite ?? module.default.PGlite;
    const db = await PGlite.create(workerData.dataDir, { startParams: workerData.startParams });
    await db.close();
  })
  .then(() => parentPort.postMessage({ ok: true }), (error) => parentPort.postMessage({ ok: false, message: String(error && error.message || error) }));
`;

/** PGlite's entry point for the worker (module runners such as vitest's may lack `import.meta.resolve`). */
function pgliteUrl(): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('@electric-sql/pglite');
  return pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
}

async function initialiseInWorker(dataDir: string): Promise<void> {
  const worker = new Worker(INITDB_WORKER, {
    eval: true,
    workerData: { pglite: pgliteUrl(), dataDir, startParams: START_PARAMS },
  });
  try {
    const result = await new Promise<{ ok: boolean; message?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the initdb worker exited with code ${code}`)));
    });
    if (!result.ok) throw new Error(`could not initialise the data directory ${dataDir}: ${result.message}`);
  } finally {
    await worker.terminate();
  }
}
