import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { installedCli, runCli, type InstalledCli } from '../helpers/installedCli.ts';
import { startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { parseGithub, parseJunit, personBreaking, personV1, personV2, workspace } from './fixtures.ts';

// Each test spawns the CLI several times; a busy machine makes each start take seconds.
vi.setConfig({ testTimeout: 120_000 });

let cli: InstalledCli;
let registry: TestRegistry;
beforeAll(async () => {
  [cli, registry] = await Promise.all([installedCli(), startRegistry()]);
}, 240_000);
afterAll(() => registry?.close());

const online = (args: string[], cwd: string) => runCli(cli, [...args, '--registry', registry.url], { cwd });

describe(`schemata register and check against a running registry (${STORAGE})`, () => {
  it('registers versions, refuses a breaking one with exit 1, and check agrees with registration', async () => {
    const subject = uniqueSubject('person');
    const cwd = workspace({ 'v1.json': personV1, 'v2.json': personV2, 'bad.json': personBreaking });
    const first = await online(['register', 'v1.json', '--subject', subject], cwd);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/registered as version 1 \(schema id \d+\)/);

    const again = await online(['register', 'v1.json', '--subject', subject, '--format', 'json'], cwd);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ subject, registered: true, version: 1 });

    const good = await online(['check', 'v2.json', '--subject', subject], cwd);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain(`v2.json → ${subject}: compatible under BACKWARD`);

    const bad = await online(['check', 'bad.json', '--subject', subject, '--format', 'json'], cwd);
    expect(bad.code).toBe(1);
    const verdict = JSON.parse(bad.stdout);
    expect(verdict).toMatchObject({ compatible: false, level: 'BACKWARD' });
    expect(verdict.violations.map((v: { rule: string }) => v.rule)).toContain('TYPE_CHANGED');

    const refused = await online(['register', 'bad.json', '--subject', subject, '--format', 'junit'], cwd);
    expect(refused.code).toBe(1);
    const [suite] = parseJunit(refused.stdout);
    expect(suite).toMatchObject({ name: 'schemata register', failures: 1 });
    expect(suite?.cases[0]?.failure?.type).toBe('TYPE_CHANGED');
    const versions = await registry.call('GET', `/subjects/${subject}/versions`);
    expect(versions.body).toEqual([1]);
  });

  it('gives the same verdict offline as online for the same history', async () => {
    const subject = uniqueSubject('same');
    const cwd = workspace({ 'h/1.json': personV1, 'h/2.json': personV2, 'next.json': personBreaking });
    for (const file of ['h/1.json', 'h/2.json']) {
      expect((await online(['register', file, '--subject', subject], cwd)).code).toBe(0);
    }
    for (const level of ['BACKWARD', 'FORWARD_TRANSITIVE', 'FULL']) {
      const onlineRun = await online(
        ['check', 'next.json', '--subject', subject, '--level', level, '--format', 'json'],
        cwd,
      );
      const offlineRun = await runCli(
        cli,
        ['check', 'next.json', '--subject', subject, '--against', 'h', '--level', level, '--format', 'json'],
        { cwd },
      );
      expect(onlineRun.code, level).toBe(offlineRun.code);
      expect(JSON.parse(onlineRun.stdout).violations, level).toEqual(
        JSON.parse(offlineRun.stdout).violations,
      );
    }
    // Without --level the registry decides under the subject's own level (here the default, BACKWARD).
    const byRegistry = await online(['check', 'next.json', '--subject', subject, '--format', 'json'], cwd);
    const offline = await runCli(cli, ['check', 'next.json', '--against', 'h', '--format', 'json'], { cwd });
    expect(JSON.parse(byRegistry.stdout).violations).toEqual(JSON.parse(offline.stdout).violations);
  });

  it('registers a schema with a reference and checks it under --level through the fetched reference', async () => {
    const shared = uniqueSubject('address');
    const subject = uniqueSubject('customer');
    const address = {
      $id: 'https://example.com/address.json',
      type: 'object',
      properties: { city: { type: 'string' } },
    };
    const customer = {
      type: 'object',
      properties: { address: { $ref: 'https://example.com/address.json' } },
    };
    const cwd = workspace({ 'address.json': address, 'customer.json': customer });
    expect((await online(['register', 'address.json', '--subject', shared], cwd)).code).toBe(0);
    const reference = `https://example.com/address.json=${shared}:1`;
    const registered = await online(
      ['register', 'customer.json', '--subject', subject, '--reference', reference],
      cwd,
    );
    expect(registered.stderr).toBe('');
    expect(registered.code).toBe(0);
    const checked = await online(
      [
        'check',
        'customer.json',
        '--subject',
        subject,
        '--reference',
        reference,
        '--level',
        'FULL_TRANSITIVE',
      ],
      cwd,
    );
    expect(checked.code).toBe(0);
    const unresolved = await online(['register', 'customer.json', '--subject', uniqueSubject('c')], cwd);
    expect(unresolved.code).toBe(1);
    expect(unresolved.stdout).toContain('refused');
  });

  it('--format github annotates the refused file; a bad --reference is a usage error', async () => {
    const subject = uniqueSubject('gh');
    const cwd = workspace({ 'v1.json': personV1, 'bad.json': personBreaking });
    await online(['register', 'v1.json', '--subject', subject], cwd);
    const run = await online(['check', 'bad.json', '--subject', subject, '--format', 'github'], cwd);
    expect(run.code).toBe(1);
    expect(parseGithub(run.stdout)[0]).toMatchObject({ level: 'error', properties: { file: 'bad.json' } });
    const usage = await online(['register', 'v1.json', '--subject', subject, '--reference', 'nonsense'], cwd);
    expect(usage.code).toBe(2);
  });
});
