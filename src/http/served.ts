import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Files the registry serves as they are: its two contracts, and the Swagger UI assets of the /docs page
 * (from the swagger-ui-dist package, so the page works without internet access). Each is read on first
 * request and then kept in memory.
 */

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

interface ServedFile {
  body: Buffer;
  contentType: string;
}

const FILES = {
  'openapi.yaml': { path: join(REPO_ROOT, 'openapi.yaml'), contentType: 'application/yaml; charset=utf-8' },
  'asyncapi.yaml': {
    path: join(REPO_ROOT, 'asyncapi.yaml'),
    contentType: 'application/yaml; charset=utf-8',
  },
  'swagger-ui.css': { path: join(SWAGGER_UI_DIR, 'swagger-ui.css'), contentType: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': {
    path: join(SWAGGER_UI_DIR, 'swagger-ui-bundle.js'),
    contentType: 'text/javascript; charset=utf-8',
  },
} as const;

export type ServedName = keyof typeof FILES;
/** The assets the /docs page loads. */
export const DOCS_ASSETS: readonly ServedName[] = ['swagger-ui.css', 'swagger-ui-bundle.js'];

const loaded = new Map<ServedName, ServedFile>();

function servedFile(name: ServedName): ServedFile {
  let file = loaded.get(name);
  if (file === undefined) {
    file = { body: readFileSync(FILES[name].path), contentType: FILES[name].contentType };
    loaded.set(name, file);
  }
  return file;
}

/** A served file as a response (cacheable for a day: these files change only with a new release). */
export function serveFile(name: ServedName): Response {
  const file = servedFile(name);
  return new Response(new Uint8Array(file.body), {
    headers: { 'content-type': file.contentType, 'cache-control': 'public, max-age=86400' },
  });
}
