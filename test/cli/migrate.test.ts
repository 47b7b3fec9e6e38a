import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { installedCli, runCli, type InstalledCli } from '../helpers/installedCli.ts';
import { createTestDatabase, STORAGE } from '../helpers/registry.ts';
import { startCatalogStandIn, type CatalogStandIn } from './catalogStandIn.ts';
import { parseJunit, workspace } from './fixtures.ts';

// Each test spawns the CLI several times; a busy machine makes each start take seconds.
vi.setConfig({ testTimeout: 120_000 });

let cli: InstalledCli;
beforeAll(async () => {
  cli = await installedCli();
}, 240_000);

describe('schemata migrate new', () => {
  it('writes V<yyyymmddHHMMSS>__<description>.sql and its U file', async () => {
    const cwd = workspace();
    const run = await runCli(
      cli,
      ['migrate', 'new', 'Add profile table', '--dir', 'db/migrations', '--format', 'json'],
      { cwd },
    );
    expect(run.code).toBe(0);
    const { version, files } = JSON.parse(run.stdout) as { version: string; files: string[] };
    expect(version).toMatch(/^\d{14}$/);
    expect(files).toEqual([
      `db/migrations/V${version}__add_profile_table.sql`,
      `db/migrations/U${version}__add_profile_table.sql`,
    ]);
  });

  it('migrate --help lists its commands and each command has --help', async () => {
    const help = await runCli(cli, ['migrate', '--help']);
    expect(help.code).toBe(0);
    for (const command of ['new', 'plan', 'apply', 'rollback', 'status', 'verify']) {
      expect(help.stdout).toContain(command);
      const own = await runCli(cli, ['migrate', command, '--help']);
      expect(own.code, command).toBe(0);
      expect(own.stdout, command).toMatch(new RegExp(`^Usage: schemata migrate ${command}`));
    }
    for (const command of ['lint', 'changelog'])
      expect((await runCli(cli, [command, '--help'])).code).toBe(0);
  });
});

describe('schemata migrate plan and changelog against the catalog routes', () => {
  let catalog: CatalogStandIn;
  beforeEach(async () => {
    catalog = await startCatalogStandIn();
  });
  afterEach(() => catalog.close());

  it('plans only the files the catalog lacks, per table subject, and fails on a breaking change', async () => {
    const cwd = workspace({
      'migrations/V1__create_users.sql': 'create table users (id bigint primary key, email text);\n',
      'migrations/V2__add_bio.sql': 'alter table users add column bio text;\n',
    });
    catalog.stored.set('1', { version: '1', checksum: 'x', up: '' });
    const plan = (...extra: string[]) =>
      runCli(
        cli,
        [
          'migrate',
          'plan',
          '--catalog',
          'user-profile',
          '--dir',
          'migrations',
          '--registry',
          catalog.url,
          ...extra,
        ],
        { cwd },
      );
    const ok = await plan();
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('V2 add bio');
    expect(ok.stdout).toContain('user-profile.public.users: changed — compatible');
    expect(ok.stdout).not.toContain('V1 ');

    writeFileSync(join(cwd, 'migrations/V3__drop_email.sql'), 'alter table users drop column email;\n');
    const bad = await plan('--format', 'github');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('::error file=migrations/V3__drop_email.sql,line=1,col=1,title=MG002::');
    expect(bad.stdout).toContain('title=TS001::user-profile.public.users: Column email was removed.');
  });

  it('prints the changelog or writes it with --out', async () => {
    catalog.stored.set('1', { version: '1', checksum: 'x', up: '' });
    const cwd = workspace();
    const printed = await runCli(cli, ['changelog', '--catalog', 'user-profile', '--registry', catalog.url], {
      cwd,
    });
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe('# user-profile\n\n## V1\n');
    const written = await runCli(
      cli,
      ['changelog', '--catalog', 'user-profile', '--registry', catalog.url, '--out', 'CHANGELOG.md'],
      { cwd },
    );
    expect(written.code).toBe(0);
    expect(readFileSync(join(cwd, 'CHANGELOG.md'), 'utf8')).toBe('# user-profile\n\n## V1\n');
  });
});

// The target is a real PostgreSQL database (the service's own, never the registry's); the catalog is the
// stand-in of issue 16's routes (see catalogStandIn.ts).
describe.skipIf(STORAGE !== 'postgres')('schemata migrate against a real target database', () => {
  let target: { url: string; drop: () => Promise<void> };
  let catalog: CatalogStandIn;
  let db: postgres.Sql;
  beforeEach(async () => {
    [target, catalog] = await Promise.all([createTestDatabase(), startCatalogStandIn()]);
    db = postgres(target.url, { max: 1, onnotice: () => {} });
  });
  afterEach(async () => {
    await db.end();
    await catalog.close();
    await target.drop();
  });

  const migrate = (command: string, cwd: string, ...extra: string[]) =>
    runCli(
      cli,
      [
        'migrate',
        command,
        '--catalog',
        'user-profile',
        '--dir',
        'migrations',
        '--env',
        'staging',
        '--database-url',
        target.url,
        '--registry',
        catalog.url,
        ...extra,
      ],
      { cwd },
    );
  // verify needs neither the catalog nor an environment: only the directory and the database.
  const verify = (cwd: string, ...extra: string[]) =>
    runCli(
      cli,
      [
        'migrate',
        'verify',
        '--catalog',
        'user-profile',
        '--dir',
        'migrations',
        '--database-url',
        target.url,
        ...extra,
      ],
      { cwd },
    );
  const history = async () =>
    (await db`select version from schemata_migration_history order by applied_at, version`).map(
      (r) => r['version'],
    );
  const recorded = () =>
    catalog.applications.map((a) => `${a.version}:${String(a['kind'])}:${String(a['status'])}`);

  const base = {
    'migrations/V1__create_users.sql': 'create table users (id bigint primary key, email text);\n',
    'migrations/U1__create_users.sql': 'drop table users;\n',
    'migrations/V2__seed.sql': "insert into users values (1, 'a@x'), (2, 'a@x');\n",
    'migrations/U2__seed.sql': 'delete from users where id in (1, 2);\n',
    'migrations/V3__unique_email.sql':
      'create table audit (id bigint);\ncreate unique index users_email_key on users (email);\n',
    'migrations/U3__unique_email.sql': 'drop index users_email_key;\ndrop table audit;\n',
    'migrations/V4__note.sql': 'alter table users add column note text;\n',
  };

  it('stops at a failing migration, records it with its statement, keeps the earlier ones, and applies once fixed', async () => {
    const cwd = workspace(base);
    const failed = await migrate('apply', cwd, '--format', 'json');
    expect(failed.code).toBe(1);
    const report = JSON.parse(failed.stdout);
    expect(report.applied).toEqual(['1', '2']);
    const third = report.migrations[2];
    expect(third).toMatchObject({
      version: '3',
      status: 'failed',
      statementsApplied: 0,
      statementsTotal: 2,
      errorStatement: 'create unique index users_email_key on users (email)',
    });
    expect(third.error).toMatch(/could not create unique index/);
    expect(await history()).toEqual(['1', '2']);
    // Transactional: the audit table of the failed migration is gone with it.
    expect((await db`select to_regclass('audit') as t`)[0]?.['t']).toBeNull();
    expect(recorded()).toEqual([
      '1:apply:applying',
      '1:apply:applied',
      '2:apply:applying',
      '2:apply:applied',
      '3:apply:applying',
      '3:apply:failed',
    ]);
    const failure = catalog.applications.at(-1);
    expect(failure).toMatchObject({
      environment: 'staging',
      statementsApplied: 0,
      statementsTotal: 2,
      errorStatement: 'create unique index users_email_key on users (email)',
    });
    expect(failed.stderr).toContain('→ V3 unique email');

    // The cause is fixed (the duplicate goes); the same file then applies, and V4 after it.
    await db`delete from users where id = 2`;
    const fixed = await migrate('apply', cwd);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('2 of 2 applied');
    expect(await history()).toEqual(['1', '2', '3', '4']);

    // A second run changes nothing and records nothing.
    const before = catalog.applications.length;
    const again = await migrate('apply', cwd, '--format', 'junit');
    expect(again.code).toBe(0);
    expect(parseJunit(again.stdout)[0]).toMatchObject({ tests: 0, failures: 0 });
    expect(again.stderr).toContain('nothing to apply');
    expect(catalog.applications.length).toBe(before);
  });

  it('refuses to run anything when an applied file changed (CT001) or a pending one is older than the newest applied (CT002)', async () => {
    const cwd = workspace({
      'migrations/V1__create_users.sql': base['migrations/V1__create_users.sql'],
      'migrations/V4__note.sql': base['migrations/V4__note.sql'],
    });
    expect((await migrate('apply', cwd)).code).toBe(0);
    writeFileSync(
      join(cwd, 'migrations/V1__create_users.sql'),
      'create table users (id bigint primary key);\n',
    );
    const drift = await migrate('apply', cwd);
    expect(drift.code).toBe(1);
    expect(drift.stderr).toContain('CT001');
    const status = await migrate('status', cwd, '--format', 'json');
    expect(status.code).toBe(1);
    expect(JSON.parse(status.stdout).findings.map((f: { rule: string }) => f.rule)).toContain('CT001');
    writeFileSync(join(cwd, 'migrations/V1__create_users.sql'), base['migrations/V1__create_users.sql']);
    writeFileSync(join(cwd, 'migrations/V2__late.sql'), 'select 1;\n');
    const late = await migrate('apply', cwd);
    expect(late.code).toBe(1);
    expect(late.stderr).toContain('CT002');
    expect(await history()).toEqual(['1', '4']);
  });

  it('status compares the directory, the catalog and the database, and reports a lagging schema_version', async () => {
    const cwd = workspace({
      'migrations/V1__create_users.sql': base['migrations/V1__create_users.sql'],
      'migrations/V2__note.sql': base['migrations/V4__note.sql'],
    });
    expect((await migrate('apply', cwd)).code).toBe(0);
    writeFileSync(join(cwd, 'migrations/V3__later.sql'), 'select 1;\n');
    catalog.reported.set('staging', '1');
    const run = await migrate('status', cwd, '--format', 'json');
    expect(run.code).toBe(0);
    const findings = JSON.parse(run.stdout).findings as { rule: string; severity: string; message: string }[];
    expect(findings).toContainEqual(
      expect.objectContaining({
        rule: 'SCHEMA_VERSION_LAGS',
        severity: 'warn',
        message: 'staging reports schema_version 1, behind V2',
      }),
    );
    expect(findings.filter((f) => f.rule === 'PENDING').map((f) => f.message)).toEqual([
      'V3 is not in the catalog yet',
      'V3 is not applied to the database yet',
    ]);
    rmSync(join(cwd, 'migrations/V2__note.sql'));
    const missing = await migrate('status', cwd);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('CT003');
  });

  it('a file edited after the catalog stored it is refused by the catalog and nothing runs', async () => {
    const cwd = workspace({ 'migrations/V1__a.sql': 'create table a (id int);\n' });
    catalog.stored.set('1', { version: '1', checksum: '0'.repeat(64), up: 'create table a (id bigint);' });
    const run = await migrate('apply', cwd, '--format', 'github');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error file=migrations/V1__a.sql,title=CT001::');
    expect(await history()).toEqual([]);
  });

  it('two concurrent applies on one database never interleave: one waits for the other, or refuses', async () => {
    const cwd = workspace({
      'migrations/V1__slow.sql': 'create table slow (id int);\nselect pg_sleep(1.5);\n',
      'migrations/V2__after.sql': 'alter table slow add column n int;\n',
    });
    const [first, second] = await Promise.all([migrate('apply', cwd), migrate('apply', cwd)]);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(`${first.stderr}${second.stderr}`).toContain('waiting for another migration runner');
    expect(await history()).toEqual(['1', '2']);
    expect(recorded().filter((r) => r.endsWith(':applied'))).toEqual(['1:apply:applied', '2:apply:applied']);

    writeFileSync(join(cwd, 'migrations/V3__slow_again.sql'), 'select pg_sleep(1.5);\n');
    const runs = [migrate('apply', cwd)];
    await new Promise((resolve) => setTimeout(resolve, 700));
    runs.push(migrate('apply', cwd, '--lock-wait', '0'));
    const [holder, refused] = await Promise.all(runs);
    expect(holder?.code).toBe(0);
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain('another migration runner holds the lock');
  });

  it('rolls back newest first to a version, recording each rollback with its reason', async () => {
    const cwd = workspace(base);
    rmSync(join(cwd, 'migrations/V3__unique_email.sql'));
    rmSync(join(cwd, 'migrations/U3__unique_email.sql'));
    rmSync(join(cwd, 'migrations/V4__note.sql'));
    writeFileSync(join(cwd, 'migrations/V2__seed.sql'), "insert into users values (1, 'a@x');\n");
    writeFileSync(join(cwd, 'migrations/U2__seed.sql'), 'delete from users where id = 1;\n');
    writeFileSync(join(cwd, 'migrations/V3__note.sql'), 'alter table users add column note text;\n');
    writeFileSync(join(cwd, 'migrations/U3__note.sql'), 'alter table users drop column note;\n');
    expect((await migrate('apply', cwd)).code).toBe(0);
    const noReason = await migrate('rollback', cwd, '--to', '1');
    expect(noReason.code).toBe(2);
    const run = await migrate(
      'rollback',
      cwd,
      '--to',
      '1',
      '--reason',
      'release 42 reverted',
      '--format',
      'json',
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).rolledBack).toEqual(['3', '2']);
    expect(await history()).toEqual(['1']);
    expect((await db`select count(*)::int as n from users`)[0]?.['n']).toBe(0);
    const rollbacks = catalog.applications.filter((a) => a['kind'] === 'rollback');
    expect(rollbacks.map((a) => `${a.version}:${String(a['status'])}`)).toEqual([
      '3:applying',
      '3:rolled_back',
      '2:applying',
      '2:rolled_back',
    ]);
    expect(rollbacks.every((a) => a['reason'] === 'release 42 reverted')).toBe(true);
    // Re-applying after a rollback runs the rolled-back migrations again.
    expect((await migrate('apply', cwd)).code).toBe(0);
    expect(await history()).toEqual(['1', '2', '3']);
  });

  it('runs verify queries after a migration and alone, recording results; rows returned are drift', async () => {
    const cwd = workspace({
      'migrations/V1__users.sql':
        "create table users (id bigint primary key, email text);\ninsert into users values (1, 'a@x');\n",
      'migrations/V2__email_lower.sql':
        'alter table users add column email_lower text;\nupdate users set email_lower = lower(email);\n',
      'migrations/V2__email_lower.verify.sql':
        '-- verify: email_lower follows email\nselect id from users where email_lower is distinct from lower(email);\n',
    });
    const applied = await migrate('apply', cwd);
    expect(applied.code).toBe(0);
    expect(applied.stderr).toContain('✓ verify email_lower follows email: 0 rows');
    const record = catalog.applications.find((a) => a.version === '2' && a['status'] === 'applied');
    expect(record?.['verify']).toEqual([{ name: 'email_lower follows email', passed: true, rows: 0 }]);
    expect(catalog.stored.get('2')?.verify).toEqual([
      {
        name: 'email_lower follows email',
        sql: 'select id from users where email_lower is distinct from lower(email)',
      },
    ]);

    const clean = await verify(cwd);
    expect(clean.code).toBe(0);
    // A writer that only knows the old column: the new one drifts.
    await db`insert into users (id, email) values (2, 'B@x')`;
    const drift = await verify(cwd, '--format', 'junit');
    expect(drift.code).toBe(1);
    const [suite] = parseJunit(drift.stdout);
    expect(suite?.cases[0]).toMatchObject({
      name: 'V2 email_lower follows email',
      failure: { type: 'VERIFY_FAILED' },
    });
    expect(suite?.cases[0]?.failure?.message).toContain('returned 1 row (drift)');

    writeFileSync(join(cwd, 'migrations/V3__noop.sql'), 'select 1;\n');
    writeFileSync(
      join(cwd, 'migrations/V3__noop.verify.sql'),
      'select id from users where email_lower is null;\n',
    );
    const unverified = await migrate('apply', cwd, '--format', 'json');
    expect(unverified.code).toBe(1);
    expect(JSON.parse(unverified.stdout).migrations[0]).toMatchObject({
      version: '3',
      status: 'unverified',
      verify: [{ name: 'query 1', passed: false, rows: 1 }],
    });
  });
});
