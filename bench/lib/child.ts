import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChildServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Starts a server entry (a file under bench/lib/servers) in its own Node process, so the server under test
 * has an event loop of its own and never competes with autocannon inside one thread. The entry announces
 * `{ port }` over IPC once it listens and exits when the IPC channel closes.
 */
export async function startChildServer(entry: string, options: unknown, nodeFlags: string[] = []): Promise<ChildServer> {
  const child: ChildProcess = fork(fileURLToPath(new URL(`./servers/${entry}`, import.meta.url)), [JSON.stringify(options)], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx', ...nodeFlags],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
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
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(killer);
          resolve();
        });
        child.disconnect();
      }),
  };
}

/** Child side: announce the listening port to the parent and run `close` when the parent lets go. */
export function announce(port: number, close: () => Promise<void>): void {
  process.send?.({ port });
  process.once('disconnect', () => {
    close()
      .catch((error: unknown) => process.stderr.write(`bench server: error while closing: ${String(error)}\n`))
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
