import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * How the registry is launched: `main` = `node --import tsx src/main.ts`, `cli` = `bin/schemata.js serve`,
 * `npm` = `npm start` (as in the Docker image); or an explicit command, run in `cwd` (default: the repo).
 */
export type Launcher = NamedLauncher | { command: string; args: string[]; cwd: string };
type NamedLauncher = 'main' | 'cli' | 'npm';

const COMMANDS: Record<NamedLauncher, [string, string[]]> = {
  main: [process.execPath, ['--import', 'tsx', 'src/main.ts']],
  cli: [process.execPath, ['bin/schemata.js', 'serve']],
  npm: ['npm', ['start', '--silent']],
};

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A registry running as a real child process; logs are the JSON lines it writes on stderr. */
export interface RegistryProcess {
  child: ChildProcess;
  exited: Promise<Exit>;
  stderr(): string;
  /** Resolves with the first log line whose `message` is `message`; rejects if the process exits first. */
  waitForLog(message: string): Promise<Record<string, unknown>>;
  /** Sends `signal` and resolves with the exit. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

const running = new Set<ChildProcess>();
/** Process groups spawned (one per registry), so clean-up also reaches what `npm start` runs underneath. */
const groups = new Set<number>();
const tempDirs: string[] = [];

/** A fresh directory for DATA_DIR, removed by `cleanUpProcesses`. */
export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'schemata-proc-'));
  tempDirs.push(dir);
  return join(dir, 'data');
}

/**
 * Spawns the registry on embedded storage whatever the suite's DATABASE_URL/REDIS_URL say (empty means
 * unset), listening on a free port of 127.0.0.1; `env` overrides.
 */
export function spawnRegistry(env: Record<string, string>, launcher: Launcher = 'main'): RegistryProcess {
  const [command, args] =
    typeof launcher === 'string' ? COMMANDS[launcher] : [launcher.command, launcher.args];
  const child = spawn(command, args, {
    cwd: typeof launcher === 'string' ? REPO_ROOT : launcher.cwd,
    env: {
      ...process.env,
      DATABASE_URL: '',
      REDIS_URL: '',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  if (child.pid !== undefined) groups.add(child.pid);
  let stderr = '';
  const waiters: Array<() => void> = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const wake of waiters.splice(0)) wake();
  });
  child.stdout?.resume();
  const exited = new Promise<Exit>((resolve) => {
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
      for (const wake of waiters.splice(0)) wake();
    });
  });
  const findLog = (message: string): Record<string, unknown> | undefined => {
    // Only complete lines: the last element is empty or a line still being written.
    for (const line of stderr.split('\n').slice(0, -1)) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry['message'] === message) return entry;
    }
    return undefined;
  };
  return {
    child,
    exited,
    stderr: () => stderr,
    async waitForLog(message) {
      for (;;) {
        const entry = findLog(message);
        if (entry !== undefined) return entry;
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`registry exited before logging "${message}"; stderr:\n${stderr}`);
        }
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    async stop(signal = 'SIGTERM') {
      child.kill(signal);
      return exited;
    },
  };
}

/** Spawns the registry and waits until it listens; `url` is its base URL. */
export async function startRegistryProcess(
  env: Record<string, string>,
  launcher: Launcher = 'main',
): Promise<RegistryProcess & { url: string }> {
  const registry = spawnRegistry(env, launcher);
  const listening = await registry.waitForLog('schemata listening');
  const port = new URL(String(listening['address'])).port;
  return { ...registry, url: `http://127.0.0.1:${port}` };
}

/** Kills whatever a test left running (whole process groups) and removes its data directories. */
export async function cleanUpProcesses(): Promise<void> {
  const exits = [...running].map(
    (child) => new Promise<void>((resolve) => child.once('exit', () => resolve())),
  );
  for (const group of groups) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // The whole group has already exited.
    }
  }
  groups.clear();
  await Promise.all(exits);
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
