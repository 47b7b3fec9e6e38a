import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** A project directory with the packed `schemata` package installed in its node_modules. */
export interface InstalledCli {
  /** The project directory (has node_modules/.bin/schemata). */
  project: string;
  /** node_modules/.bin/schemata: what `npx schemata` runs. */
  bin: string;
}

/**
 * `npm pack` of this checkout (prepack compiles the CLI to dist/), unpacked into a temp project's
 * node_modules/schemata with node_modules/.bin/schemata linked to its bin, as `npm install` lays it out.
 * Its dependencies resolve from this checkout's node_modules (no network). Built once per source state:
 * the directory name hashes the sources, and concurrent test files wait for the one that builds.
 */
export async function installedCli(): Promise<InstalledCli> {
  const dir = join(tmpdir(), `schemata-cli-${sourceHash()}`);
  const project = join(dir, 'project');
  const result = { project, bin: join(project, 'node_modules', '.bin', 'schemata') };
  if (existsSync(join(dir, 'ready'))) return result;
  mkdirSync(dir, { recursive: true });
  try {
    mkdirSync(join(dir, 'lock'));
  } catch {
    await waitFor(() => existsSync(join(dir, 'ready')), 240_000);
    return result;
  }
  try {
    pack(dir, project, result.bin);
  } catch (error) {
    rmSync(join(dir, 'lock'), { recursive: true, force: true });
    throw error;
  }
  return result;
}

function pack(dir: string, project: string, bin: string): void {
  const tarballs = join(dir, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  execFileSync('npm', ['pack', '--silent', '--pack-destination', tarballs], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [tarball] = readdirSync(tarballs);
  if (tarball === undefined) throw new Error('npm pack wrote no tarball');
  const modules = join(project, 'node_modules');
  mkdirSync(join(modules, '.bin'), { recursive: true });
  execFileSync('tar', ['-xzf', join(tarballs, tarball), '-C', modules]);
  renameSync(join(modules, 'package'), join(modules, 'schemata'));
  symlinkSync(join(REPO, 'node_modules'), join(modules, 'schemata', 'node_modules'));
  symlinkSync('../schemata/bin/schemata.js', bin);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'ci-project', private: true }));
  writeFileSync(join(dir, 'ready'), '');
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the installed `schemata` with `args` in `cwd`; env overrides (undefined removes a variable). */
export function runCli(
  cli: InstalledCli,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<CliRun> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NO_COLOR: undefined,
    SCHEMATA_URL: undefined,
    SCHEMATA_KEY: undefined,
    ...options.env,
  };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn(cli.bin, [...args], {
      cwd: options.cwd ?? cli.project,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Hash of everything the package is built from, so an edit gets a fresh build and a rerun reuses one. */
function sourceHash(): string {
  const hash = createHash('sha256');
  for (const top of [
    'package.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'bin',
    'src',
    'drizzle',
    'openapi.yaml',
  ]) {
    for (const file of filesUnder(join(REPO, top))) {
      const stat = statSync(file);
      hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\0`);
    }
  }
  return hash.digest('hex').slice(0, 16);
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline)
      throw new Error('timed out waiting for another test file to build the CLI package');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** For tests that need to read the unpacked package. */
export const packageFile = (cli: InstalledCli, path: string): string =>
  readFileSync(join(cli.project, 'node_modules', 'schemata', path), 'utf8');
