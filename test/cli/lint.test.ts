import { beforeAll, describe, expect, it, vi } from 'vitest';
import { installedCli, runCli, type InstalledCli } from '../helpers/installedCli.ts';
import { parseGithub, parseJunit, workspace } from './fixtures.ts';

// Offline: no registry anywhere (an unreachable URL proves nothing is called).
// Each test spawns the CLI several times; a busy machine makes each start take seconds.
vi.setConfig({ testTimeout: 120_000 });

let cli: InstalledCli;
beforeAll(async () => {
  cli = await installedCli();
}, 240_000);
const env = { SCHEMATA_URL: 'http://127.0.0.1:9' };

const migrations = {
  'migrations/V1__create_users.sql': 'create table users (id bigint primary key, name text);\n',
  'migrations/V2__drop_email.sql':
    'alter table users drop column email;\ncreate index users_name_idx on users (name);\n',
  'migrations/V3__broken.sql': 'select from;\n',
  'migrations/.hidden/V9__ignored.sql': 'drop table users;\n',
};

describe('schemata lint (offline)', () => {
  it('--format json prints the array of {file, line, column, rule, severity, message}', async () => {
    const cwd = workspace(migrations);
    const run = await runCli(cli, ['lint', 'migrations', '--format', 'json'], { cwd, env });
    expect(run.code).toBe(1);
    const findings = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(findings.every((f) => Object.keys(f).join() === 'file,line,column,rule,severity,message')).toBe(
      true,
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: 'migrations/V2__drop_email.sql',
        line: 1,
        column: 1,
        rule: 'MG002',
        severity: 'error',
      }),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: 'migrations/V2__drop_email.sql',
        line: 2,
        rule: 'MG101',
        severity: 'error',
      }),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({ file: 'migrations/V3__broken.sql', line: 1, column: 12, rule: 'MG000' }),
    );
    expect(findings.some((f) => String(f['file']).includes('.hidden'))).toBe(false);
    expect(
      findings.some((f) => f['file'] === 'migrations/V1__create_users.sql' && f['severity'] === 'error'),
    ).toBe(false);
  });

  it('exits 0 when only warnings and notes remain, and honours suppressions with a reason', async () => {
    const cwd = workspace({
      'ok.sql':
        "set lock_timeout = '1s';\n-- schemata-ignore MG101: users has 40 rows; built in the maintenance window\ncreate index users_name_idx on users (name);\n",
    });
    const run = await runCli(cli, ['lint', 'ok.sql'], { cwd, env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/1 file: 0 errors, \d+ other findings?, 1 suppressed/);
  });

  it('--assume-transaction lints as the runner runs files, and --postgres-version changes the verdict', async () => {
    const cwd = workspace({
      'concurrent.sql': 'create index concurrently users_name_idx on users (name);\n',
      'outside.sql':
        '-- schemata:no-transaction\ncreate index concurrently users_name_idx on users (name);\n',
      'default.sql': 'alter table users add column n bigint default 0;\n',
    });
    const rules = async (args: string[]) =>
      (
        JSON.parse((await runCli(cli, ['lint', ...args, '--format', 'json'], { cwd, env })).stdout) as {
          rule: string;
        }[]
      ).map((f) => f.rule);
    expect(await rules(['concurrent.sql'])).not.toContain('MG201');
    expect(await rules(['concurrent.sql', '--assume-transaction'])).toContain('MG201');
    expect(await rules(['outside.sql', '--assume-transaction'])).not.toContain('MG201');
    expect(await rules(['default.sql'])).not.toContain('MG104');
    expect(await rules(['default.sql', '--postgres-version', '10'])).toContain('MG104');
  });

  it('--format github annotates each finding at its line and column; junit has a case per file', async () => {
    const cwd = workspace(migrations);
    const github = await runCli(cli, ['lint', 'migrations', '--format', 'github'], { cwd, env });
    expect(github.code).toBe(1);
    expect(parseGithub(github.stdout)).toContainEqual({
      level: 'error',
      properties: { file: 'migrations/V2__drop_email.sql', line: '2', col: '1', title: 'MG101' },
      message: expect.stringContaining('users_name_idx'),
    });
    const junit = await runCli(cli, ['lint', 'migrations', '--format', 'junit'], { cwd, env });
    const [suite] = parseJunit(junit.stdout);
    expect(suite).toMatchObject({ name: 'schemata lint', tests: 3, failures: 2 });
    expect(suite?.cases.map((c) => [c.name, c.failure?.type ?? null])).toEqual([
      ['migrations/V1__create_users.sql', null],
      ['migrations/V2__drop_email.sql', 'MG002'],
      ['migrations/V3__broken.sql', 'MG000'],
    ]);
  });

  it('exits 2 for a path that does not exist', async () => {
    const run = await runCli(cli, ['lint', 'nowhere'], { cwd: workspace(), env });
    expect(run.code).toBe(2);
  });
});

describe('schemata diff of TABLE schemas (offline)', () => {
  const v1 = {
    table: 'users',
    columns: [
      { name: 'id', type: 'bigint', nullable: false },
      { name: 'email', type: 'text' },
    ],
  };

  it('compares a TABLE model with a CREATE TABLE file and reports TS rules with severity and hint', async () => {
    const cwd = workspace({
      'v1.json': v1,
      'v2.sql': 'create table users (id bigint not null, name text not null);',
    });
    const run = await runCli(cli, ['diff', 'v1.json', 'v2.sql', '--level', 'BACKWARD', '--format', 'json'], {
      cwd,
      env,
    });
    expect(run.code).toBe(1);
    const body = JSON.parse(run.stdout);
    expect(body).toMatchObject({ type: 'TABLE', compatible: false });
    expect(body.violations[0]).toMatchObject({ severity: 'error', direction: 'BACKWARD' });
    expect(body.violations.map((v: { rule: string }) => v.rule)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^TS00[123]$/)]),
    );
    expect(body.violations[0].hint).toEqual(expect.any(String));
    const human = await runCli(cli, ['diff', 'v1.json', 'v2.sql'], { cwd, env });
    expect(human.stdout).toContain('hint:');
  });

  it('accepts an additive change BACKWARD and a directory history for check --against', async () => {
    const v2 = { ...v1, columns: [...v1.columns, { name: 'bio', type: 'jsonb' }] };
    const cwd = workspace({
      'h/1.json': v1,
      'next.json': v2,
      'bad.sql': 'create table users (id integer not null);',
    });
    const diff = await runCli(cli, ['diff', 'h/1.json', 'next.json', '--level', 'BACKWARD'], { cwd, env });
    expect(diff.code).toBe(0);
    const check = await runCli(cli, ['check', 'next.json', '--against', 'h'], { cwd, env });
    expect(check.code).toBe(0);
    const bad = await runCli(cli, ['check', 'bad.sql', '--against', 'h', '--type', 'TABLE'], { cwd, env });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('incompatible under BACKWARD');
  });

  it('exits 1 naming the file for a malformed TABLE document', async () => {
    const cwd = workspace({ 'v1.json': v1, 'bad.sql': 'create table (;' });
    const run = await runCli(cli, ['diff', 'v1.json', 'bad.sql'], { cwd, env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad\.sql/);
  });
});
