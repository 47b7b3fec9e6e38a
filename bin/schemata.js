#!/usr/bin/env node
// The `schemata` command. A packed package carries the CLI compiled to dist/ (`npm run build`, run by
// prepack), which starts in a fraction of the time tsx needs to compile the TypeScript sources. In a source
// checkout whose sources changed after the last build, the sources run through tsx (with this package's own
// tsconfig, not whatever tsconfig the caller's working directory has), so a stale build is never used.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = `${root}dist/cli/index.js`;

/**
 * Whether to run dist/: always in an installed package (its build came with it), and in a checkout only when
 * the build is at least as new as every source file.
 */
function buildIsCurrent() {
  if (!existsSync(built)) return false;
  if (root.split(/[\\/]/).includes('node_modules') || !existsSync(`${root}src`)) return true;
  const builtAt = statSync(built).mtimeMs;
  for (const entry of readdirSync(`${root}src`, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && statSync(`${entry.parentPath}/${entry.name}`).mtimeMs > builtAt) return false;
  }
  return true;
}

let cli;
if (buildIsCurrent()) {
  cli = await import(built);
} else {
  const { register } = await import('tsx/esm/api');
  const tsconfig = `${root}tsconfig.json`;
  register({ tsconfig: existsSync(tsconfig) ? tsconfig : false });
  cli = await import('../src/cli/index.ts');
}
const code = await cli.run(process.argv.slice(2));
// `undefined`: the command (serve) keeps running and ends the process itself.
if (code !== undefined) process.exitCode = code;
