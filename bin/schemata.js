#!/usr/bin/env node
// The `schemata` command. The sources are TypeScript, so register tsx's loader first (with this package's
// own tsconfig, not whatever tsconfig the caller's working directory has), then hand over to src/cli.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const tsconfig = fileURLToPath(new URL('../tsconfig.json', import.meta.url));
register({ tsconfig: existsSync(tsconfig) ? tsconfig : false });

const { run } = await import('../src/cli/index.ts');
const code = await run(process.argv.slice(2));
// `undefined`: the command (serve) keeps running and ends the process itself.
if (code !== undefined) process.exitCode = code;
