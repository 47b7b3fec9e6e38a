#!/usr/bin/env node
// `npm test [vitest args]`: runs the suite against whatever DATABASE_URL / REDIS_URL say, then prints the
// env-gated groups it left out (and why), the failures, and a last line `N passed, N failed, N skipped`
// that .ci/run sums. This file is also the vitest reporter that counts: the child vitest process loads it
// with --reporter, so counting and printing cannot drift apart.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SUMMARY_ENV = 'SCHEMATA_TEST_SUMMARY';
const MAX_LISTED_FAILURES = 25;

/** Vitest reporter: writes the counts to $SCHEMATA_TEST_SUMMARY. Tests that never ran because a hook failed count as failed, not skipped. */
export default class SummaryReporter {
  onTestRunEnd(testModules, unhandledErrors) {
    const path = process.env[SUMMARY_ENV];
    if (path) writeFileSync(path, JSON.stringify(summarize(testModules, unhandledErrors)));
  }
}

function summarize(testModules, unhandledErrors) {
  const summary = { passed: 0, failed: 0, skipped: 0, failures: [], leftOut: [] };
  for (const mod of testModules) {
    const file = mod.relativeModuleId;
    const source = existsSync(mod.moduleId) ? readFileSync(mod.moduleId, 'utf8') : '';
    const notRunBecauseOf = new Map();
    for (const test of mod.children.allTests()) {
      const result = test.result();
      if (result.state === 'passed') summary.passed++;
      else if (result.state === 'failed' || result.state === 'pending') {
        summary.failed++;
        summary.failures.push(
          `${file} › ${test.fullName}${result.state === 'pending' ? ' (did not finish)' : ''}`,
        );
      } else {
        // A test meant to run but skipped without ctx.skip(note) was skipped by a failing beforeAll.
        const cause =
          test.options.mode === 'run' && result.note === undefined ? erroringAncestor(test) : undefined;
        if (cause === undefined) summary.skipped++;
        else {
          summary.failed++;
          notRunBecauseOf.set(cause, (notRunBecauseOf.get(cause) ?? 0) + 1);
        }
      }
      if (test.options.mode === 'skip' && test.parent.options?.mode !== 'skip') {
        leaveOut(summary, { file, name: test.fullName, tests: 1, gate: gateAt(source, test.location) });
      }
    }
    for (const suite of mod.children.allSuites()) {
      if (suite.options.mode === 'skip' && suite.parent.options?.mode !== 'skip') {
        const tests = [...suite.children.allTests()].length;
        leaveOut(summary, { file, name: suite.fullName, tests, gate: gateAt(source, suite.location) });
      }
    }
    for (const entity of [mod, ...mod.children.allSuites()]) {
      const [error] = entity.errors();
      if (error === undefined) continue;
      const name = entity.type === 'module' ? file : `${file} › ${entity.fullName}`;
      const notRun = notRunBecauseOf.get(entity);
      // An error outside any test (import failure, afterAll) still fails the run: count it once.
      if (notRun === undefined) summary.failed++;
      const suffix = notRun === undefined ? '' : ` (${notRun} test${notRun === 1 ? '' : 's'} did not run)`;
      summary.failures.push(`${name}: ${firstLine(error.message)}${suffix}`);
    }
  }
  for (const error of unhandledErrors) {
    summary.failed++;
    summary.failures.push(`unhandled error: ${firstLine(error.message)}`);
  }
  return summary;
}

// Only gated groups are listed: tests filtered out by -t or by an .only elsewhere are not "left out".
function leaveOut(summary, group) {
  if (group.gate !== undefined) summary.leftOut.push(group);
}

function erroringAncestor(test) {
  for (let at = test.parent; at !== undefined; at = at.type === 'module' ? undefined : at.parent) {
    if (at.errors().length > 0) return at;
  }
  return undefined;
}

/** The `skipIf(…)`/`runIf(…)` condition written just before a suite's title (vitest locates the suite at the `(` of the title). */
function gateAt(source, location) {
  if (location === undefined || source === '') return undefined;
  const lines = source.split('\n');
  let offset = location.column - 1;
  for (let i = 0; i < location.line - 1; i++) offset += (lines[i]?.length ?? 0) + 1;
  const before = source.slice(0, offset).trimEnd();
  if (!before.endsWith(')')) return before.endsWith('.skip') ? { kind: 'skip', condition: '' } : undefined;
  let depth = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    if (before[i] === ')') depth++;
    else if (before[i] === '(' && --depth === 0) {
      const kind = /\.(skipIf|runIf)\s*$/.exec(before.slice(0, i))?.[1];
      const condition = before
        .slice(i + 1, before.length - 1)
        .replace(/\s+/g, ' ')
        .trim();
      return kind === undefined ? undefined : { kind, condition };
    }
  }
  return undefined;
}

function reasonOf(gate) {
  if (gate === undefined) return 'skipped';
  if (gate.kind === 'skip') return 'marked .skip';
  const needs = [];
  if (!process.env.DATABASE_URL && /STORAGE|DATABASE_URL|postgres/.test(gate.condition)) {
    needs.push('DATABASE_URL is unset (needs real PostgreSQL)');
  }
  if (!process.env.REDIS_URL && /REDIS/.test(gate.condition)) needs.push('REDIS_URL is unset (needs Redis)');
  const rule = `${gate.kind}(${gate.condition})`;
  return needs.length > 0 ? `${needs.join('; ')} — ${rule}` : rule;
}

const firstLine = (text) => String(text ?? '').split('\n')[0];

async function main(args) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
  const workDir = mkdtempSync(join(tmpdir(), 'schemata-test-'));
  const summaryPath = join(workDir, 'summary.json');
  const storage = process.env.DATABASE_URL
    ? 'PostgreSQL (DATABASE_URL)'
    : 'embedded PGlite (DATABASE_URL unset)';
  const bus = process.env.REDIS_URL ? 'Redis (REDIS_URL)' : 'in-process (REDIS_URL unset)';
  console.log(`schemata tests — storage: ${storage}; bus: ${bus}`);

  const ownReporter = args.some((arg) => arg.startsWith('--reporter'));
  const vitestArgs = [
    'run',
    ...args,
    ...(ownReporter ? [] : ['--reporter=default']),
    `--reporter=${fileURLToPath(import.meta.url)}`,
    '--includeTaskLocation',
  ];
  const child = spawn(process.execPath, [vitest, ...vitestArgs], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, [SUMMARY_ENV]: summaryPath },
  });
  const forward = (signal) => child.kill(signal);
  process.on('SIGTERM', forward);
  process.on('SIGINT', forward);
  const exitCode = await new Promise((resolve) => {
    child.on('error', (error) => {
      console.error(`could not start vitest: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });

  const summary = existsSync(summaryPath)
    ? JSON.parse(readFileSync(summaryPath, 'utf8'))
    : { passed: 0, failed: 0, skipped: 0, failures: [], leftOut: [] };
  rmSync(workDir, { recursive: true, force: true });
  if (exitCode !== 0 && summary.failed === 0) {
    summary.failed = 1;
    summary.failures.push(`vitest exited with code ${exitCode} (see its output above)`);
  }

  console.log('');
  if (summary.leftOut.length > 0) {
    console.log('Left out:');
    for (const group of summary.leftOut) {
      const tests = `${group.tests} test${group.tests === 1 ? '' : 's'}`;
      console.log(`  - ${group.file} › ${group.name} (${tests}): ${reasonOf(group.gate)}`);
    }
  } else if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
    console.log('Left out: nothing (no test group is gated on DATABASE_URL/REDIS_URL in this selection).');
  }
  if (summary.failures.length > 0) {
    console.log('Failed:');
    for (const line of summary.failures.slice(0, MAX_LISTED_FAILURES)) console.log(`  - ${line}`);
    if (summary.failures.length > MAX_LISTED_FAILURES) {
      console.log(
        `  … and ${summary.failures.length - MAX_LISTED_FAILURES} more (see the vitest output above)`,
      );
    }
  }
  console.log(`${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
  process.exitCode = summary.failed > 0 ? 1 : 0;
}

// Run only as a script; vitest importing this file as a reporter must not start another run.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
