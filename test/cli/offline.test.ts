import { beforeAll, describe, expect, it, vi } from 'vitest';
import { installedCli, runCli, type InstalledCli } from '../helpers/installedCli.ts';
import { parseGithub, parseJunit, personBreaking, personV1, personV2, workspace } from './fixtures.ts';

// No registry runs in this file: diff and check --against must answer from the files alone.
// Each test spawns the CLI several times; a busy machine makes each start take seconds.
vi.setConfig({ testTimeout: 120_000 });

let cli: InstalledCli;
beforeAll(async () => {
  cli = await installedCli();
}, 240_000);

const noRegistry = { SCHEMATA_URL: 'http://127.0.0.1:9' };

describe('schemata diff (offline)', () => {
  it('exits 0 for a compatible change and lists nothing', async () => {
    const cwd = workspace({ 'a.json': personV1, 'b.json': personV2 });
    const run = await runCli(cli, ['diff', 'a.json', 'b.json', '--level', 'BACKWARD'], {
      cwd,
      env: noRegistry,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('a.json → b.json: compatible under BACKWARD');
  });

  it('exits 1 and prints every violation with rule, paths, sentence and counterexample', async () => {
    const cwd = workspace({ 'a.json': personV1, 'b.json': personBreaking });
    const run = await runCli(cli, ['diff', 'a.json', 'b.json'], { cwd, env: noRegistry });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('incompatible under FULL');
    expect(run.stdout).toMatch(/TYPE_CHANGED BACKWARD/);
    expect(run.stdout).toMatch(/REQUIRED_ATTRIBUTE_ADDED BACKWARD/);
    expect(run.stdout).toMatch(/TYPE_CHANGED FORWARD/);
    expect(run.stdout).toContain('old #/properties/name  new #/properties/name');
    expect(run.stdout).toContain('counterexample: {"name":""}');
  });

  it('--format json carries the structured violations, counterexamples checked against both files', async () => {
    const cwd = workspace({ 'a.json': personV1, 'b.json': personBreaking });
    const run = await runCli(cli, ['diff', 'a.json', 'b.json', '--format', 'json'], { cwd, env: noRegistry });
    expect(run.code).toBe(1);
    const body = JSON.parse(run.stdout);
    expect(body).toMatchObject({
      old: 'a.json',
      new: 'b.json',
      type: 'JSON',
      level: 'FULL',
      compatible: false,
    });
    const rules = body.violations.map((v: { rule: string; direction: string }) => `${v.rule}/${v.direction}`);
    expect(rules.slice(0, 2)).toEqual(['TYPE_CHANGED/BACKWARD', 'REQUIRED_ATTRIBUTE_ADDED/BACKWARD']);
    expect(rules).toContain('TYPE_CHANGED/FORWARD');
    expect(body.violations[0]).toMatchObject({
      oldPath: '#/properties/name',
      newPath: '#/properties/name',
      counterexample: { name: '' },
    });
    expect(body.violations[0].message).toMatch(/string → integer/);
  });

  it('exits 1 naming the file when a schema is invalid, and 2 when a file is missing', async () => {
    const cwd = workspace({ 'a.json': personV1, 'bad.json': '{"type": 12}' });
    const invalid = await runCli(cli, ['diff', 'a.json', 'bad.json'], { cwd, env: noRegistry });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^schemata diff: bad\.json: /);
    const missing = await runCli(cli, ['diff', 'a.json', 'nope.json'], { cwd, env: noRegistry });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read nope.json: no such file');
  });
});

describe('schemata check --against (offline)', () => {
  it('takes a directory as the history in name order and checks under the level', async () => {
    const cwd = workspace({
      'history/1.json': personV1,
      'history/2.json': personV2,
      'next.json': { ...personV2, required: ['age'] },
    });
    const backward = await runCli(
      cli,
      ['check', 'next.json', '--subject', 'person', '--against', 'history'],
      { cwd, env: noRegistry },
    );
    expect(backward.code).toBe(1);
    expect(backward.stdout).toContain('next.json → person: incompatible under BACKWARD');
    expect(backward.stdout).toContain('against version 2');
    const forward = await runCli(cli, ['check', 'next.json', '--against', 'history', '--level', 'forward'], {
      cwd,
      env: noRegistry,
    });
    expect(forward.stdout).toContain('compatible under FORWARD');
    expect(forward.code).toBe(0);
  });

  it('transitive levels see old versions that the latest one hides', async () => {
    // v2 dropped `name`; the candidate makes it an integer: fine against v2, not against v1.
    const cwd = workspace({
      'h/1.json': personV1,
      'h/2.json': { type: 'object' },
      'next.json': { type: 'object', properties: { name: { type: 'integer' } } },
    });
    const plain = await runCli(cli, ['check', 'next.json', '--against', 'h', '--level', 'FORWARD'], {
      cwd,
      env: noRegistry,
    });
    expect(plain.code).toBe(0);
    const transitive = await runCli(
      cli,
      ['check', 'next.json', '--against', 'h', '--level', 'FORWARD_TRANSITIVE', '--format', 'json'],
      { cwd, env: noRegistry },
    );
    expect(transitive.code).toBe(1);
    expect(JSON.parse(transitive.stdout).violations[0]).toMatchObject({
      oldVersion: 1,
      direction: 'FORWARD',
    });
  });

  it('--format github prints workflow commands with the file, and junit one case per subject', async () => {
    const cwd = workspace({ 'old.json': personV1, 'new.json': personBreaking });
    const github = await runCli(
      cli,
      ['check', 'new.json', '--subject', 'person', '--against', 'old.json', '--format', 'github'],
      { cwd, env: noRegistry },
    );
    expect(github.code).toBe(1);
    const commands = parseGithub(github.stdout);
    expect(commands.length).toBe(2);
    expect(commands[0]).toMatchObject({
      level: 'error',
      properties: { file: 'new.json', title: 'TYPE_CHANGED' },
    });
    expect(commands[0]?.message).toMatch(/string → integer.*\(BACKWARD against version 1\)/);
    expect(github.stdout.trimEnd().split('\n').at(-1)).toBe('schemata check: 0 passed, 1 failed');

    const junit = await runCli(
      cli,
      ['check', 'new.json', '--subject', 'person', '--against', 'old.json', '--format', 'junit'],
      { cwd, env: noRegistry },
    );
    expect(junit.code).toBe(1);
    const [suite] = parseJunit(junit.stdout);
    expect(suite).toMatchObject({ name: 'schemata check', tests: 1, failures: 1 });
    expect(suite?.cases[0]?.name).toBe('person');
    expect(suite?.cases[0]?.failure?.type).toBe('TYPE_CHANGED');
    expect(suite?.cases[0]?.failure?.text).toContain('REQUIRED_ATTRIBUTE_ADDED');
  });

  it('a passing check is a JUnit case without failure and a github run without errors', async () => {
    const cwd = workspace({ 'old.json': personV1, 'new.json': personV2 });
    const junit = await runCli(
      cli,
      ['check', 'new.json', '--subject', 'person', '--against', 'old.json', '--format', 'junit'],
      { cwd, env: noRegistry },
    );
    expect(junit.code).toBe(0);
    expect(parseJunit(junit.stdout)[0]).toMatchObject({ tests: 1, failures: 0, cases: [{ name: 'person' }] });
    const github = await runCli(cli, ['check', 'new.json', '--against', 'old.json', '--format', 'github'], {
      cwd,
      env: noRegistry,
    });
    expect(parseGithub(github.stdout)).toEqual([]);
    expect(github.code).toBe(0);
  });
});

describe('the command line itself', () => {
  it('--version prints the package version, through npx as users run it', async () => {
    const { execFile } = await import('node:child_process');
    const version = await new Promise<string>((resolve, reject) =>
      execFile('npx', ['--no-install', 'schemata', '--version'], { cwd: cli.project }, (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      ),
    );
    expect(version.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([['serve'], ['check'], ['register'], ['diff'], ['keys']])(
    '%s --help prints its usage and exits 0',
    async (command) => {
      const run = await runCli(cli, [command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: schemata /);
    },
  );

  it('exits 2 for usage errors: no command, an unknown command, an unknown option, a bad choice, a missing argument', async () => {
    for (const args of [
      [],
      ['frobnicate'],
      ['diff', 'a', 'b', '--colour'],
      ['diff', 'a', 'b', '--level', 'SIDEWAYS'],
      ['check'],
      ['diff', 'a'],
    ]) {
      const run = await runCli(cli, args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).not.toBe('');
    }
  });

  it('exits 2 for configuration errors: a bad registry URL, a broken schemata.config.json', async () => {
    const cwd = workspace({ 's.json': personV1, 'nested/dir/.keep': '' });
    const badUrl = await runCli(cli, ['check', 's.json', '--subject', 'x', '--registry', 'ftp://x'], { cwd });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('must be http or https');
    const broken = workspace({ 'schemata.config.json': '{ nope', 'nested/s.json': personV1 });
    const run = await runCli(cli, ['check', 's.json', '--subject', 'x'], { cwd: `${broken}/nested` });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('schemata.config.json is not valid JSON');
  });

  it('exits 3 when the registry is unreachable, wherever its URL came from', async () => {
    const cwd = workspace({
      's.json': personV1,
      'schemata.config.json': { registry: 'http://127.0.0.1:9' },
      'sub/.keep': '',
    });
    for (const [args, env, dir] of [
      [['--registry', 'http://127.0.0.1:9'], {}, cwd],
      [[], { SCHEMATA_URL: 'http://127.0.0.1:9' }, cwd],
      [[], {}, `${cwd}/sub`],
    ] as const) {
      const run = await runCli(cli, ['check', `${cwd}/s.json`, '--subject', 'x', ...args], { cwd: dir, env });
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('the registry at http://127.0.0.1:9 is unreachable');
    }
  });

  it('human output has no colour when stdout is not a terminal', async () => {
    const cwd = workspace({ 'a.json': personV1, 'b.json': personBreaking });
    const run = await runCli(cli, ['diff', 'a.json', 'b.json'], { cwd });
    expect(run.stdout).not.toContain('\u001b[');
  });
});
