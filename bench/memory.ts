/**
 * Memory and start-up benchmark: the registry as `npm start` runs it (its own process), RSS in MiB read
 * from /proc/<pid>/status once it is idle:
 * - embedded mode, first start on a fresh data directory (start-up time and idle RSS), then a restart on
 *   the same directory, then after 10,000 registered schemas;
 * - server mode (DATABASE_URL: a scratch database), idle and after 10,000 registered schemas.
 * Run alone with `tsx bench/memory.ts`, or as `npm run bench -- --only=memory`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase } from './lib/postgres.ts';
import type { BenchSection, Figure } from './lib/report.ts';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCHEMAS = 10_000;
const IN_FLIGHT = 16;
/** How long a registry is left alone before its RSS is read. */
const SETTLE_MS = 3_000;
const EMBEDDED_IDLE_TARGET_MIB = 300;

interface Running {
  child: ChildProcess;
  url: string;
  /** Milliseconds from the spawn to the `schemata listening` log line. */
  startupMs: number;
  stop(): Promise<void>;
}

async function start(env: Record<string, string>): Promise<Running> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', REDIS_URL: '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let startupMs = 0;
  const listening = await new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const line = stderr.split('\n').find((text) => text.includes('"schemata listening"'));
      if (line !== undefined) {
        startupMs = performance.now() - spawnedAt;
        resolve(JSON.parse(line) as Record<string, unknown>);
      }
    });
    child.once('exit', (code) => reject(new Error(`registry exited (${code}) before listening:\n${stderr}`)));
  });
  const port = new URL(String(listening['address'])).port;
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    startupMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Resident set size of a process, in MiB, after it has been left alone for a while. */
async function idleRss(child: ChildProcess): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  return kib / 1024;
}

/**
 * POSTs JSON, trying again when a kept-alive connection is reset under it (the server closing an idle
 * socket as the request goes out); registering the same schema again is idempotent.
 */
async function post(url: string, body: unknown): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** Registers `count` distinct schemas (one subject each), `IN_FLIGHT` at a time. */
async function registerMany(url: string, count: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let n = next++; n < count; n = next++) {
      const schema = {
        title: `memory-${n}`,
        type: 'object',
        properties: { id: { type: 'string' }, [`field${n}`]: { type: 'integer', minimum: 0 } },
        required: ['id'],
      };
      const res = await post(`${url}/subjects/memory.bench.${n}/versions`, {
        schemaType: 'JSON',
        schema: JSON.stringify(schema),
      });
      if (res.status !== 200)
        throw new Error(`registration ${n} answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

const mib = (value: number) => `${value.toFixed(0)} MiB`;

export async function benchMemory(options: {
  databaseUrl: string | undefined;
  /** Each figure as soon as it is measured (the whole run takes minutes). */
  onFigure?: (text: string) => void;
}): Promise<BenchSection> {
  const lines: string[] = [];
  const note = (text: string) => options.onFigure?.(text);
  const figures: Figure[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'schemata-bench-memory-'));
  try {
    const dataDir = join(dir, 'data');
    const first = await start({ DATABASE_URL: '', DATA_DIR: dataDir });
    const firstIdle = await idleRss(first.child);
    note(`embedded first start ${first.startupMs.toFixed(0)} ms, idle ${mib(firstIdle)}`);
    await first.stop();
    const again = await start({ DATABASE_URL: '', DATA_DIR: dataDir });
    const againIdle = await idleRss(again.child);
    note(`embedded restart ${again.startupMs.toFixed(0)} ms, idle ${mib(againIdle)}`);
    await registerMany(again.url, SCHEMAS);
    const embeddedLoaded = await idleRss(again.child);
    await again.stop();
    lines.push(
      `memory, embedded: first start on a fresh data directory ${(first.startupMs / 1000).toFixed(1)} s, idle ${mib(firstIdle)}; ` +
        `restart ${(again.startupMs / 1000).toFixed(1)} s, idle ${mib(againIdle)}; after ${SCHEMAS.toLocaleString('en-US')} schemas ${mib(embeddedLoaded)}`,
    );
    figures.push({
      name: 'embedded idle RSS, fresh data directory',
      value: firstIdle,
      unit: 'MiB',
      kind: 'max',
      target: EMBEDDED_IDLE_TARGET_MIB,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  if (options.databaseUrl === undefined) {
    lines.push('memory, server mode: skipped (DATABASE_URL unset)');
    return { title: 'memory', lines, figures };
  }
  const database = await createScratchDatabase(options.databaseUrl, 'memory');
  try {
    const server = await start({ DATABASE_URL: database.url });
    const idle = await idleRss(server.child);
    note(`server start ${server.startupMs.toFixed(0)} ms, idle ${mib(idle)}`);
    await registerMany(server.url, SCHEMAS);
    const loaded = await idleRss(server.child);
    await server.stop();
    lines.push(
      `memory, server mode: start ${(server.startupMs / 1000).toFixed(1)} s, idle ${mib(idle)}; after ${SCHEMAS.toLocaleString('en-US')} schemas ${mib(loaded)}`,
    );
  } finally {
    await database.drop();
  }
  return { title: 'memory', lines, figures };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const section = await benchMemory({
    databaseUrl: process.env['DATABASE_URL'] || undefined,
    onFigure: (text) => process.stderr.write(`${text}\n`),
  });
  for (const line of section.lines) process.stdout.write(`${line}\n`);
}
