import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `--profile` runs put the registry children's V8 CPU profiles (git-ignored). */
export const PROFILE_ROOT = fileURLToPath(new URL('../../tmp/bench-profiles/', import.meta.url));

/** A fresh file name for a profile labelled `label`, its directory created. */
export function profilePath(label: string): string {
  mkdirSync(PROFILE_ROOT, { recursive: true });
  return join(PROFILE_ROOT, `${label}-${new Date().toISOString().replaceAll(':', '-')}.cpuprofile`);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/**
 * The hottest places of the profile in `file`, as shares of busy (non-idle) samples: by owner (a package,
 * a folder of src/, node internals), by the nearest Schemata function on the stack (which of our code
 * paths the time is spent for, library time included), and by function self time.
 */
export function hotspots(file: string, top = 8): string[] {
  const byOwner = new Map<string, number>();
  const byOurCaller = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  const { nodes } = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[] };
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  for (const node of nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    if (node.callFrame.functionName === '(idle)') {
      idle += hits;
      continue;
    }
    busy += hits;
    add(byOwner, ownerOf(node.callFrame), hits);
    add(byFunction, describeFrame(node.callFrame), hits);
    let cursor: ProfileNode | undefined = node;
    while (cursor !== undefined && !cursor.callFrame.url.includes('/src/')) {
      const parent = parentOf.get(cursor.id);
      cursor = parent === undefined ? undefined : byId.get(parent);
    }
    add(
      byOurCaller,
      cursor === undefined ? '(no Schemata frame: framework, timers, GC)' : describeFrame(cursor.callFrame),
      hits,
    );
  }
  if (busy === 0) return [`profile: no busy samples in ${file}`];
  const share = (hits: number) => `${((100 * hits) / busy).toFixed(1).padStart(5)}%`;
  const ranked = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, hits]) => `profile:   ${share(hits)}  ${key}`);
  return [
    `profile: ${file} — busy ${((100 * busy) / (busy + idle)).toFixed(0)}% of the window; shares below are of busy time`,
    'profile:   by owner (self time):',
    ...ranked(byOwner),
    'profile:   by nearest Schemata function on the stack:',
    ...ranked(byOurCaller),
    'profile:   hottest functions (self time):',
    ...ranked(byFunction),
  ];
}

function add(map: Map<string, number>, key: string, hits: number): void {
  map.set(key, (map.get(key) ?? 0) + hits);
}

function describeFrame(frame: ProfileNode['callFrame']): string {
  if (frame.url === '') return frame.functionName || '(native)';
  // Line numbers of tsx-transformed sources do not match the .ts files; name and file suffice there.
  const line = frame.url.includes('/src/') || frame.url.includes('/bench/') ? '' : `:${frame.lineNumber + 1}`;
  return `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}${line}`;
}

function ownerOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  const src = /\/(src\/[^/]+(?:\/[^/]+)?)\//.exec(url);
  if (src?.[1]) return src[1];
  if (url.startsWith('node:')) return 'node internals';
  if (url.startsWith('wasm:')) return 'wasm';
  return shortUrl(url);
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\/.*?\/(node_modules|src|bench)\//, '$1/');
}
