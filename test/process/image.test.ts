import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assembleStage,
  contextFiles,
  isIgnored,
  packageOf,
  parseDockerfile,
  parseDockerignore,
  readText,
  runtimeImports,
  type Stage,
  walkFiles,
} from './dockerImage.ts';
import { cleanUpProcesses, REPO_ROOT, startRegistryProcess, tempDataDir } from './registryProcess.ts';

// There is no Docker engine here, so the image is checked by doing what `docker build` does with this
// Dockerfile: take the build context through .dockerignore, follow the stages' COPY instructions, and run
// the runtime stage's CMD and HEALTHCHECK in the result (node_modules linked from this checkout, whose
// production part the deps stage installs).
const manifest = JSON.parse(readText(join(REPO_ROOT, 'package.json'))) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};
const stages = parseDockerfile(readText(join(REPO_ROOT, 'Dockerfile')));
const rules = parseDockerignore(readText(join(REPO_ROOT, '.dockerignore')));
const context = contextFiles(REPO_ROOT, rules);
const runtime = stages.at(-1) as Stage;
const deps = stages.find((stage) => stage.name === 'deps');

/** The JSON-array form of an instruction (CMD, or HEALTHCHECK's CMD), as the image runs it. */
function execForm(stage: Stage, keyword: string): string[] {
  const instruction = stage.instructions.find((candidate) => candidate.keyword === keyword);
  if (instruction === undefined) throw new Error(`no ${keyword} in the runtime stage`);
  const json = instruction.rest.slice(instruction.rest.indexOf('['));
  return JSON.parse(json) as string[];
}

/** The runtime stage's ENV, as name → value. */
function environment(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { keyword, rest } of stage.instructions) {
    if (keyword !== 'ENV') continue;
    for (const match of rest.matchAll(/(\w+)=(\S+)/g)) env[match[1] ?? ''] = match[2] ?? '';
  }
  return env;
}

describe('.dockerignore as Docker reads it', () => {
  it('matches directories, globs and exceptions with the last rule deciding', () => {
    const sample = parseDockerignore(
      'node_modules\n**/*.test.ts\nscripts\n!scripts/keep.mjs\n# comment\n/tmp/\n',
    );
    expect(isIgnored(sample, 'node_modules/hono/package.json')).toBe(true);
    expect(isIgnored(sample, 'src/a/b.test.ts')).toBe(true);
    expect(isIgnored(sample, 'b.test.ts')).toBe(true);
    expect(isIgnored(sample, 'src/a/b.ts')).toBe(false);
    expect(isIgnored(sample, 'scripts/other.mjs')).toBe(true);
    expect(isIgnored(sample, 'scripts/keep.mjs')).toBe(false);
    expect(isIgnored(sample, 'tmp/x')).toBe(true);
    expect(isIgnored(sample, 'src/tmp/x')).toBe(false);
  });
});

describe('the Docker image, assembled as docker build would', () => {
  let app: string;
  let work: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'schemata-image-'));
    app = join(work, 'runtime', 'app');
    const fromStages = assembleStage(runtime, REPO_ROOT, context, app);
    // The only thing taken from another stage is the deps stage's node_modules.
    expect(fromStages).toEqual([
      { stage: 'deps', source: '/app/node_modules', destination: './node_modules' },
    ]);
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
  });

  afterAll(async () => {
    await cleanUpProcesses();
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  it('the deps stage has what `npm ci` runs, install scripts included', () => {
    expect(deps).toBeDefined();
    const target = join(work, 'deps', 'app');
    expect(assembleStage(deps as Stage, REPO_ROOT, context, target)).toEqual([]);
    expect(existsSync(join(target, 'package-lock.json'))).toBe(true);
    const install = (deps as Stage).instructions.find((i) => i.keyword === 'RUN')?.rest ?? '';
    expect(install).toMatch(/npm ci --omit=dev/);
    // Each file an install script names must be there when npm ci runs it.
    const named = ['preinstall', 'install', 'postinstall'].flatMap(
      (script) => manifest.scripts[script]?.match(/[\w./-]+\.m?js/g) ?? [],
    );
    for (const file of named) expect(existsSync(join(target, file)), file).toBe(true);
  });

  it('carries the sources without their tests, the migrations and the contract', () => {
    const files = walkFiles(app, (_, name) => name !== 'node_modules');
    expect(files).toContain('src/main.ts');
    expect(files).toContain('bin/schemata.js');
    expect(files).toContain('openapi.yaml');
    expect(files).toContain('drizzle/meta/_journal.json');
    expect(files.filter((file) => file.endsWith('.test.ts'))).toEqual([]);
    expect(files.filter((file) => file.startsWith('test/') || file.startsWith('bench/'))).toEqual([]);
  });

  it('every module the image loads is in the image or a production dependency', () => {
    const builtins = new Set(builtinModules);
    const problems: string[] = [];
    const files = walkFiles(app, (_, name) => name !== 'node_modules').filter((file) =>
      /\.(m?js|ts)$/.test(file),
    );
    for (const file of files) {
      for (const specifier of runtimeImports(readText(join(app, file)))) {
        if (specifier.startsWith('.')) {
          const target = posix.normalize(posix.join(posix.dirname(file), specifier));
          if (!existsSync(join(app, target))) problems.push(`${file}: ${specifier} is not in the image`);
        } else if (!specifier.startsWith('node:') && !builtins.has(specifier)) {
          const name = packageOf(specifier);
          if (manifest.dependencies[name] === undefined) {
            problems.push(`${file}: ${specifier} is not a production dependency (npm ci --omit=dev)`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(files.length).toBeGreaterThan(50);
  });

  it('starts with its CMD, answers its HEALTHCHECK, registers a schema and stops on SIGTERM', async () => {
    const [command = '', ...args] = execForm(runtime, 'CMD');
    expect([command, ...args]).toEqual(['npm', 'start']);
    const env = environment(runtime);
    expect(env['DATA_DIR']).toBe('/data');
    const registry = await startRegistryProcess(
      { ...env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: tempDataDir() },
      { command, args, cwd: app },
    );
    const port = new URL(registry.url).port;

    // The HEALTHCHECK's command (node -e "fetch(…/healthz)"), as Docker runs it inside the container.
    const [probeCommand, ...probeArgs] = execForm(runtime, 'HEALTHCHECK');
    expect(probeCommand).toBe('node');
    const probe = () =>
      spawnSync(process.execPath, probeArgs, {
        cwd: app,
        env: { ...process.env, PORT: port },
        timeout: 10_000,
      });
    expect(probe().status).toBe(0);

    const health = await fetch(`${registry.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', schema_version: expect.any(String) });
    const registered = await fetch(`${registry.url}/subjects/image-check/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schemaType: 'JSON', schema: '{"type":"object"}' }),
    });
    expect(registered.status).toBe(200);
    expect(await registered.json()).toMatchObject({ id: expect.any(Number), version: 1 });

    expect(await registry.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    // The healthcheck fails once nothing answers, so Docker would mark the container unhealthy.
    expect(probe().status).toBe(1);
  }, 90_000);
});
