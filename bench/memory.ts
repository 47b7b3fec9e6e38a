import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { startChildServer, type ChildServer } from './lib/child.ts';
import { createScratchDatabase, type ScratchDatabase } from './lib/postgres.ts';
import { formatNumber, type BenchSection } from './lib/report.ts';
import { orderPlaced } from './lib/schemas.ts';

export interface MemoryOptions {
  databaseUrl: string | undefined;
  /** Schemas to register (spread over a tenth as many subjects), then read once each by id. */
  schemas: number;
}

/**
 * The registry's resident memory with `schemas` registered schemas of about 1 KB (the by-id benchmark's
 * contract, one title per schema), each read once by id so that both caches hold what they would in
 * service. For information: the figure depends on CACHE_MAX_BYTES (default 64 MiB) and on the storage
 * (embedded PGlite runs inside the process).
 */
export async function benchMemory(options: MemoryOptions): Promise<BenchSection> {
  const title = 'memory';
  const storage = options.databaseUrl ? 'PostgreSQL' : 'embedded PGlite';
  let database: ScratchDatabase | undefined;
  let child: ChildServer | undefined;
  try {
    if (options.databaseUrl) database = await createScratchDatabase(options.databaseUrl, 'mem');
    child = await startChildServer('registry.ts', { databaseUrl: database?.url });
    const client = http(child.url);
    const started = residentBytes(child.pid);
    const subjects = Math.max(1, Math.floor(options.schemas / 10));
    const ids: number[] = [];
    // Eight writers, each on its own subjects, as a fleet of producers would.
    await Promise.all(
      Array.from({ length: 8 }, async (_, writer) => {
        for (let n = writer; n < options.schemas; n += 8) {
          const subject = `mem-${n % subjects}`;
          const schema = JSON.stringify({ ...orderPlaced, title: `OrderPlaced ${n}` });
          const answer = await client('POST', `/subjects/${subject}/versions`, {
            schemaType: 'JSON',
            schema,
          });
          ids.push((answer as { id: number }).id);
        }
      }),
    );
    for (const id of ids) await client('GET', `/schemas/ids/${id}`);
    const resident = residentBytes(child.pid);
    const mib = (bytes: number) => `${formatNumber(bytes / 1024 / 1024)} MiB`;
    return {
      title,
      lines: [
        `memory: registry RSS after start-up ${mib(started)} (${storage})`,
        `memory: registry RSS with ${ids.length} schemas registered over ${subjects} subjects and each read by id ${mib(resident)} (CACHE_MAX_BYTES default; information, no target)`,
      ],
      figures: [],
    };
  } finally {
    await child?.stop();
    await database?.drop();
  }
}

/** VmRSS of a process, from /proc (Linux). */
function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (kib === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib) * 1024;
}

/** JSON over keep-alive node:http (the client must not weigh on the registry it measures). */
function http(base: string): (method: string, path: string, body?: unknown) => Promise<unknown> {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  return (method, path, body) =>
    new Promise((resolve, reject) => {
      const text = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          agent,
          headers:
            text === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const answer = Buffer.concat(chunks).toString();
            if (res.statusCode !== 200)
              return reject(new Error(`${method} ${path}: ${res.statusCode} ${answer}`));
            resolve(JSON.parse(answer) as unknown);
          });
        },
      );
      req.on('error', reject);
      req.end(text);
    });
}
