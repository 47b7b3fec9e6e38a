import { execFile, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { REPO_ROOT } from './registryProcess.ts';

// `schemata/client` used the way another project uses it: this package packed with `npm pack` (which builds
// the SDK's JavaScript and declarations), installed into a scratch project in a temporary directory, and
// imported by a plain Node script and by a type-checked TypeScript file.

interface PackageLock {
  packages: Record<string, { version?: string; dev?: boolean; [key: string]: unknown }>;
}

const run = (command: string, args: string[], cwd: string, env: Record<string, string> = {}) =>
  spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', ...env },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  });

const execFileAsync = promisify(execFile);

const output = (result: SpawnSyncReturns<string>) => `${result.stdout}\n${result.stderr}`;

/**
 * The scratch project's lockfile: the tarball, and its runtime dependencies at exactly the versions this
 * repository locks (npm's cache then has them all, so the install needs no network).
 */
function scratchLock(tarball: string, tarballName: string): string {
  const ours = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as PackageLock;
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const packages: PackageLock['packages'] = {
    '': { name: 'sdk-consumer', dependencies: { schemata: `file:${tarballName}` } },
    'node_modules/schemata': {
      version: String(manifest['version']),
      resolved: `file:${tarballName}`,
      integrity: `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`,
      license: manifest['license'],
      dependencies: manifest['dependencies'],
      bin: manifest['bin'],
      engines: manifest['engines'],
      hasInstallScript: true,
    },
  };
  for (const [path, entry] of Object.entries(ours.packages)) {
    if (path !== '' && entry.dev !== true) packages[path] = entry;
  }
  return JSON.stringify({ name: 'sdk-consumer', lockfileVersion: 3, requires: true, packages }, null, 2);
}

const CONSUMER = `
import { createRegistryClient, RegistryClientError } from 'schemata/client';

const [url, subject] = process.argv.slice(2);
const client = createRegistryClient({ url, pollIntervalMs: 500 });
const loaded = await client.load([subject]);
const result = { loaded, versions: client.versions(subject) };
result.valid = client.validate(subject, { id: 'u1' }).valid;
result.invalid = client.validate(subject, { id: 1 }).errors.map((e) => e.keyword);
result.unwrapped = client.unwrap(subject, { version: 'v1', data: { id: 'u2' } });
result.wrapped = client.wrap(subject, { id: 'u3' });
result.errorClass = (() => { try { client.validate('not-loaded', {}); } catch (e) { return e instanceof RegistryClientError; } })();
const change = new Promise((resolve) => client.onChange((event) => resolve({ event, position: client.position })));
const registered = await fetch(url + '/subjects/' + subject + '/versions', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ schemaType: 'JSON', schema: JSON.stringify({ type: 'object', properties: { id: { type: 'string' }, email: { type: 'string' } }, required: ['id'], additionalProperties: false }) }),
});
result.registered = registered.status;
if (registered.status !== 200) {
  process.stderr.write('registration failed: ' + (await registered.text()));
  process.exit(1);
}
result.change = await change;
result.versionsAfter = client.versions(subject);
await client.close();
process.stdout.write(JSON.stringify(result));
`;

const TYPED = `
import { createRegistryClient, type ChangeEvent, type ValidationResult } from 'schemata/client';

const client = createRegistryClient({ url: 'http://localhost:8081' });
export async function check(): Promise<ValidationResult> {
  await client.load(['user.created'], { versions: 'latest' });
  client.onChange((event: ChangeEvent) => void event.seq);
  const position: number = client.position;
  void position;
  return client.validate('user.created', { id: 'u1' });
}
`;

describe('schemata/client from another project (npm pack)', () => {
  const temp = mkdtempSync(join(tmpdir(), 'schemata-sdk-'));
  const scratch = join(temp, 'consumer');
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  }, 180_000);
  afterAll(async () => {
    await registry.close();
    rmSync(temp, { recursive: true, force: true });
  });

  it('packs with built JavaScript and declarations, and installs into a scratch project', () => {
    const packed = run('npm', ['pack', '--silent', '--pack-destination', temp], REPO_ROOT);
    expect(packed.status, output(packed)).toBe(0);
    const name = packed.stdout.trim().split('\n').at(-1) ?? '';
    expect(name).toMatch(/^schemata-.+\.tgz$/);
    const tarball = join(temp, name);
    const listing = run('tar', ['-tzf', tarball], temp).stdout.split('\n');
    expect(listing).toContain('package/dist/client/index.js');
    expect(listing).toContain('package/dist/client/index.d.ts');
    expect(listing.filter((file) => file.endsWith('.test.ts'))).toEqual([]);

    run('mkdir', ['-p', scratch], temp);
    run('cp', [tarball, scratch], temp);
    writeFileSync(
      join(scratch, 'package.json'),
      JSON.stringify({
        name: 'sdk-consumer',
        private: true,
        type: 'module',
        dependencies: { schemata: `file:${name}` },
      }),
    );
    writeFileSync(join(scratch, 'package-lock.json'), scratchLock(tarball, name));
    const installed = run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], scratch);
    expect(installed.status, output(installed)).toBe(0);
  }, 300_000);

  it('loads contracts, validates, unwraps envelopes and follows changes, with the position current in onChange', async () => {
    const subject = uniqueSubject('sdk-package');
    writeFileSync(join(scratch, 'consumer.mjs'), CONSUMER);
    const first = await registry.call('POST', `/subjects/${subject}/versions`, {
      schemaType: 'JSON',
      // A closed model, so that version 2 may add an optional property (see the README's walk-through).
      schema: JSON.stringify({
        type: 'object',
        properties: { id: { type: 'string' } },
        required: ['id'],
        additionalProperties: false,
      }),
    });
    expect(first.status).toBe(200);
    // Asynchronously: the registry answering the consumer runs in this process.
    const { stdout } = await execFileAsync(process.execPath, ['consumer.mjs', registry.url, subject], {
      cwd: scratch,
      timeout: 60_000,
    });
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toMatchObject({
      loaded: { missing: [], seq: expect.any(Number) },
      versions: [1],
      valid: true,
      invalid: ['type'],
      unwrapped: { valid: true, version: 1, data: { id: 'u2' } },
      wrapped: { version: 'v1', data: { id: 'u3' } },
      errorClass: true,
      registered: 200,
      change: { event: { event_type: 'schema.registered', data: { subject, version: 2 } } },
      versionsAfter: [1, 2],
    });
    const change = result['change'] as { event: { seq: number }; position: number };
    expect(change.position).toBe(change.event.seq);
  }, 120_000);

  it('type-checks against the published declarations', () => {
    writeFileSync(join(scratch, 'typed.ts'), TYPED);
    const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const checked = run(
      process.execPath,
      [
        tsc,
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2023',
        '--types',
        'node',
        '--typeRoots',
        join(REPO_ROOT, 'node_modules', '@types'),
        'typed.ts',
      ],
      scratch,
    );
    expect(checked.status, output(checked)).toBe(0);
  }, 120_000);
});
