import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';

export interface ChildServer {
  url: string;
  pid: number;
  /** Starts the child's V8 CPU profiler (entries that call `announce` support it). */
  startProfile(): Promise<void>;
  /** Stops the profiler and writes the profile to `file` (a .cpuprofile, loadable in Chrome DevTools). */
  stopProfile(file: string): Promise<void>;
  stop(): Promise<void>;
}

type Command = { type: 'profile-start' } | { type: 'profile-stop'; file: string };

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Starts a server entry (a file under bench/lib/servers) in its own Node process, so the server under test
 * has an event loop of its own and never competes with autocannon inside one thread. The entry announces
 * `{ port }` over IPC once it listens and exits when the IPC channel closes.
 */
export async function startChildServer(entry: string, options: unknown): Promise<ChildServer> {
  const child: ChildProcess = fork(
    fileURLToPath(new URL(`./servers/${entry}`, import.meta.url)),
    [JSON.stringify(options)],
    {
      cwd: REPO_ROOT,
      execArgv: ['--import', 'tsx'],
      // The registry logs to stderr; stdout is dropped so stray debug output cannot garble the report.
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start within 60 s`)), 60_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      const announced = (message as { port?: unknown }).port;
      if (typeof announced === 'number') resolve(announced);
      else reject(new Error(`${entry} failed to start: ${JSON.stringify(message)}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with code ${code} before listening`));
    });
  });
  const command = (message: Command) =>
    new Promise<void>((resolve) => {
      child.once('message', () => resolve());
      child.send(message);
    });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    startProfile: () => command({ type: 'profile-start' }),
    stopProfile: (file) => command({ type: 'profile-stop', file }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || !child.connected) return resolve();
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(killer);
          resolve();
        });
        child.disconnect();
      }),
  };
}

/**
 * Child side: announce the listening port, answer profiling commands (so a profile covers exactly the
 * measured window, not start-up), and run `close` when the parent lets go.
 */
export function announce(port: number, close: () => Promise<void>): void {
  const session = new Session();
  process.on('message', (message: Command) => {
    void (async () => {
      if (message.type === 'profile-start') {
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
      } else {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(message.file, JSON.stringify(profile));
        session.disconnect();
      }
      process.send?.({ done: message.type });
    })();
  });
  process.send?.({ port });
  process.once('disconnect', () => {
    close()
      .catch((error: unknown) =>
        process.stderr.write(`bench server: error while closing: ${String(error)}\n`),
      )
      .finally(() => process.exit(0));
  });
}

/** Child side: report a start-up failure to the parent instead of hanging it. */
export function failed(error: unknown): void {
  const message = { error: error instanceof Error ? error.message : String(error) };
  if (process.send === undefined) process.exit(1);
  process.send(message, () => process.exit(1));
}

export function childOptions<T>(): T {
  return JSON.parse(process.argv[2] ?? '{}') as T;
}
