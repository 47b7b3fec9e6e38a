import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_SECRET } from '../auth/keys.ts';
import { startRegistry, STORAGE, type TestRegistry } from '../helpers/registry.ts';

/** The contracts, served, without credentials even when auth is on; /docs needs no internet access. */
describe(`/openapi.yaml, /asyncapi.yaml and /docs (${STORAGE})`, () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry({ env: { ADMIN_KEY: ADMIN_SECRET } });
  });
  afterAll(async () => {
    await registry?.close();
  });

  it.each(['openapi.yaml', 'asyncapi.yaml'])('serves %s as committed', async (file) => {
    const res = await fetch(`${registry.url}/${file}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    expect(await res.text()).toBe(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));
  });

  it('renders the API reference from /openapi.yaml with assets it serves itself', async () => {
    const page = await fetch(`${registry.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain("url: 'openapi.yaml'");
    const assets = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.sort()).toEqual([
      'docs/swagger-ui-dist/swagger-ui-bundle.js',
      'docs/swagger-ui-dist/swagger-ui.css',
    ]);
    for (const asset of assets) {
      const res = await fetch(new URL(asset, `${registry.url}/docs`));
      expect(res.status, asset).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    }
    const stray = await fetch(`${registry.url}/docs/swagger-ui-dist/index.js`);
    expect(stray.status).toBe(404);
    expect(await stray.json()).toMatchObject({ error_code: 404 });
  });
});
