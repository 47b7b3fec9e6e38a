import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installedCli } from '../test/helpers/installedCli.ts';
import { formatNumber, percentile, type BenchSection } from './lib/report.ts';

/** Cold-start target for `schemata diff a.json b.json` (issue 17). */
const TARGET_MS = 300;

/**
 * CLI cold start: `schemata diff a.json b.json` on two small schemas, offline, run from the packed package
 * as `npx schemata` runs it (node_modules/.bin/schemata), beside `node -e 0` in the same run. The two
 * alternate, so a busy machine slows both alike; the figure is the median wall time of each.
 */
export async function benchCli(options: { rounds: number }): Promise<BenchSection> {
  const cli = await installedCli();
  const dir = mkdtempSync(join(tmpdir(), 'schemata-bench-cli-'));
  writeFileSync(
    join(dir, 'a.json'),
    JSON.stringify({ type: 'object', properties: { name: { type: 'string' } } }),
  );
  writeFileSync(
    join(dir, 'b.json'),
    JSON.stringify({ type: 'object', properties: { name: { type: 'integer' } }, required: ['name'] }),
  );
  const time = (command: string, args: string[]): number => {
    const started = performance.now();
    const run = spawnSync(command, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const elapsed = performance.now() - started;
    if (run.status !== 0 && run.status !== 1) {
      throw new Error(
        `${command} ${args.join(' ')} exited ${run.status}: ${run.stderr.toString().slice(0, 300)}`,
      );
    }
    return elapsed;
  };
  // One untimed run of each: the first start reads files from disk that later starts find in the page cache.
  time(process.execPath, ['-e', '0']);
  time(cli.bin, ['diff', 'a.json', 'b.json']);
  const node: number[] = [];
  const diff: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    node.push(time(process.execPath, ['-e', '0']));
    diff.push(time(cli.bin, ['diff', 'a.json', 'b.json']));
  }
  const nodeMs = percentile(node, 50);
  const diffMs = percentile(diff, 50);
  return {
    title: 'cli',
    lines: [
      '',
      `== CLI cold start (${options.rounds} rounds, medians) ==`,
      `node -e 0                           ${formatNumber(nodeMs, 'ms')}`,
      `schemata diff a.json b.json         ${formatNumber(diffMs, 'ms')}  (${formatNumber(diffMs / nodeMs)}× node -e 0; target ≤ ${TARGET_MS} ms)`,
    ],
    figures: [
      { name: 'CLI cold start: schemata diff', value: diffMs, unit: 'ms', kind: 'max', target: TARGET_MS },
    ],
  };
}
