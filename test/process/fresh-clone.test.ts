import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './registryProcess.ts';

// A fresh clone has nothing beside it: every file the code, the tests, the benchmarks and the docs read
// must be inside the repository.
const git = (args: string[], cwd = REPO_ROOT) =>
  spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const isCheckout = git(['rev-parse', '--is-inside-work-tree']).stdout.trim() === 'true';

/** Paths that leave the repository: the parent's `shared/` folder (spelled so this file does not match). */
const OUTSIDE = new RegExp(['\\.\\./', 'shared/', '|', '\\bshared/(conformance|reference)\\b'].join(''));

describe.runIf(isCheckout)('a fresh clone on its own', () => {
  const temp = mkdtempSync(join(tmpdir(), 'schemata-clone-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('no tracked file points outside the repository', () => {
    const files = git(['ls-files', '-z'])
      .stdout.split('\0')
      .filter((file) => file !== '');
    const offenders = files.filter((file) => {
      const path = join(REPO_ROOT, file);
      return existsSync(path) && OUTSIDE.test(readFileSync(path, 'latin1'));
    });
    expect(offenders).toEqual([]);
  });

  it('passes the conformance tests in a clone with no shared/ beside it', () => {
    const clone = join(temp, 'schemata');
    const cloned = git(['clone', '--quiet', '--no-hardlinks', REPO_ROOT, clone], temp);
    expect(cloned.status, cloned.stderr).toBe(0);
    expect(existsSync(join(temp, 'shared'))).toBe(false);
    // The dependencies are this checkout's (npm ci is not what is under test).
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
    const vitest = join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs');
    const run = spawnSync(
      process.execPath,
      [vitest, 'run', 'test/compat/conformance.test.ts', '--reporter=dot'],
      {
        cwd: clone,
        encoding: 'utf8',
        env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
        timeout: 120_000,
      },
    );
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/Tests\s+\d+ passed/);
  }, 150_000);
});
