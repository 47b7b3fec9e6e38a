import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The published SDK reaches only its own modules, the generated contract types and pure domain code; no
// server internals (database, events runtime, HTTP edge, config, logger) and no server-only packages.
const SRC = fileURLToPath(new URL('..', import.meta.url));
const ALLOWED_PACKAGES = /^(node:|ajv($|\/)|ajv-draft-04$|eventsource-parser$|ioredis$)/;

function moduleGraph(entry: string): { modules: string[]; packages: string[] } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (modules.has(file)) continue;
    modules.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(
      /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/g,
    )) {
      const specifier = match[1] ?? match[2] ?? '';
      if (specifier.startsWith('.')) pending.push(join(dirname(file), specifier));
      else packages.add(specifier);
    }
  }
  return { modules: [...modules].map((file) => relative(SRC, file)).sort(), packages: [...packages].sort() };
}

describe('the SDK (schemata/client)', () => {
  it('imports no server internals', () => {
    const { modules, packages } = moduleGraph(join(SRC, 'client', 'index.ts'));
    expect(modules).toEqual(expect.arrayContaining(['client/liveSources.ts', 'generated/openapi.ts']));
    expect(modules.filter((file) => !/^(client|generated|domain)\//.test(file))).toEqual([]);
    expect(modules.filter((file) => file.startsWith('domain/'))).toEqual(['domain/schema/json/drafts.ts']);
    expect(packages.filter((name) => !ALLOWED_PACKAGES.test(name))).toEqual([]);
  });
});
