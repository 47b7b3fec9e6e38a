import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { benchById } from './byId.ts';
import { benchCli } from './cli.ts';
import { benchMemory } from './memory.ts';
import { benchLiveness } from './liveness.ts';
import { benchRegister, WARM_UP } from './register.ts';
import { summaryLines, type BenchSection } from './lib/report.ts';

/**
 * `npm run bench`: throughput is printed as a ratio against a baseline measured in the same run on the same
 * machine, so results compare across machines; a summary with targets and PASS/MISS comes last.
 * Flags: `--quick` (short runs, to smoke-test the harness), `--only=by-id,liveness,register,memory,cli,compat,events`,
 * `--profile` (CPU-profile the registry children into tmp/bench-profiles/ and print their hotspots).
 * Environment: DATABASE_URL (registration figures and by-id on PostgreSQL), REDIS_URL (bus for the registry).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const profile = args.includes('--profile');
  const only = args
    .find((arg) => arg.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const wanted = (part: string) => only === undefined || only.includes(part);
  const databaseUrl = process.env['DATABASE_URL'] || undefined;
  const redisUrl = process.env['REDIS_URL'] || undefined;
  const startedAt = performance.now();

  print(
    `Schemata bench — Node ${process.version}, ${availableParallelism()} CPUs, storage ${databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}, bus ${redisUrl ? 'Redis' : 'in-process'}${quick ? ' (quick mode: figures are indicative only)' : ''}`,
  );
  const sections: BenchSection[] = [];
  const foreign: string[] = [];
  const run = async (part: string, body: () => Promise<BenchSection>) => {
    if (!wanted(part)) return;
    const section = await body().catch((error: unknown) => failedSection(part, error));
    sections.push(section);
    print(...section.lines);
  };

  await run('by-id', () =>
    benchById({
      databaseUrl,
      profile,
      load: quick
        ? { connections: 50, warmupSeconds: 1, durationSeconds: 3, rounds: 1 }
        : { connections: 50, warmupSeconds: 3, durationSeconds: 10, rounds: 5 },
    }),
  );
  await run('liveness', () =>
    benchLiveness({
      databaseUrl,
      hostileClients: 4,
      load: quick
        ? { connections: 50, warmupSeconds: 1, durationSeconds: 4, rounds: 2 }
        : { connections: 50, warmupSeconds: 3, durationSeconds: 20, rounds: 4 },
    }),
  );
  await run('register', () =>
    benchRegister({
      databaseUrl,
      redisUrl,
      count: quick ? 100 : 400,
      phaseSeconds: quick ? 4 : 12,
      inFlight: 8,
      warmUp: quick ? 200 : WARM_UP,
      rounds: quick ? 1 : 3,
      profile,
    }),
  );
  await run('cli', () => benchCli({ rounds: quick ? 5 : 21 }));
  await run('memory', () => benchMemory({ databaseUrl }));
  for (const [part, file, exported] of [
    ['compat', './compat.ts', 'benchCompat'],
    ['events', './events.ts', 'benchEvents'],
  ] as const) {
    await run(part, async () => {
      const section = await colleagueBench(part, file, exported);
      foreign.push(...section.lines.filter((line) => /\b(PASS|MISS)\b/.test(line)));
      return section;
    });
  }

  print('', '== summary ==', ...summaryLines(sections, foreign));
  print(`total ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
}

/** Runs `bench/<file>`'s `exported()` when a colleague's bench file exists; a missing file is a skip, not a failure. */
async function colleagueBench(part: string, file: string, exported: string): Promise<BenchSection> {
  if (!existsSync(new URL(file, import.meta.url))) {
    return {
      title: part,
      lines: [`${part}: skipped — bench/${file.slice(2)} is not there yet`],
      figures: [],
      skipped: `bench/${file.slice(2)} missing`,
    };
  }
  const module = (await import(file)) as Record<string, unknown>;
  const bench = module[exported];
  if (typeof bench !== 'function') {
    return {
      title: part,
      lines: [`${part}: skipped — bench/${file.slice(2)} does not export ${exported}()`],
      figures: [],
      skipped: `no ${exported}()`,
    };
  }
  const result = (await (bench as () => Promise<unknown>)()) as { lines?: unknown } | undefined;
  const lines = Array.isArray(result?.lines)
    ? result.lines.map(String)
    : [`${part}: ${exported}() returned no lines`];
  return { title: part, lines, figures: [] };
}

function failedSection(part: string, error: unknown): BenchSection {
  const message = error instanceof Error ? error.message : String(error);
  return { title: part, lines: [`${part}: FAILED — ${message}`], figures: [], skipped: `failed: ${message}` };
}

function print(...lines: string[]): void {
  for (const line of lines) process.stdout.write(`${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
