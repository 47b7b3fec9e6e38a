#!/usr/bin/env node
// `npm run gen:check`: fails when src/generated/openapi.ts is not what `npm run gen` makes of openapi.yaml.
// It runs the same openapi-typescript CLI as `npm run gen`, into a temp file, so both agree byte for byte.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const committedPath = join(root, 'src/generated/openapi.ts');
const cli = join(
  dirname(createRequire(import.meta.url).resolve('openapi-typescript/package.json')),
  'bin/cli.js',
);
const workDir = mkdtempSync(join(tmpdir(), 'schemata-gen-'));
const freshPath = join(workDir, 'openapi.ts');

try {
  const run = spawnSync(process.execPath, [cli, 'openapi.yaml', '-o', freshPath], {
    cwd: root,
    encoding: 'utf8',
  });
  if (run.status !== 0 || !existsSync(freshPath)) {
    process.stderr.write(run.stdout + run.stderr);
    fail('openapi-typescript could not generate types from openapi.yaml (see above).');
  }
  if (!existsSync(committedPath))
    fail('src/generated/openapi.ts is missing: run `npm run gen` and commit it.');
  const fresh = readFileSync(freshPath, 'utf8').split('\n');
  const committed = readFileSync(committedPath, 'utf8').split('\n');
  const firstDiff = fresh.findIndex((line, i) => line !== committed[i]);
  const at =
    firstDiff === -1 && fresh.length !== committed.length
      ? Math.min(fresh.length, committed.length)
      : firstDiff;
  if (at !== -1) {
    fail(
      'src/generated/openapi.ts is stale: it differs from what openapi.yaml generates ' +
        `(first difference at line ${at + 1}).\n` +
        `  committed: ${JSON.stringify(committed[at] ?? '<end of file>')}\n` +
        `  expected:  ${JSON.stringify(fresh[at] ?? '<end of file>')}\n` +
        'Run `npm run gen` and commit src/generated/openapi.ts.',
    );
  }
  console.log('gen:check ok: src/generated/openapi.ts matches openapi.yaml');
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

function fail(message) {
  console.error(`gen:check failed: ${message}`);
  rmSync(workDir, { recursive: true, force: true });
  process.exit(1);
}
