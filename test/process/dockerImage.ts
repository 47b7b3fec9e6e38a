// What `docker build` would put in the image, worked out without Docker (there is no engine here): the
// build context after .dockerignore, and a stage's /app assembled by following its COPY instructions.
// Only the Dockerfile syntax this project uses is supported; anything else throws, so a change to the
// Dockerfile that this reading cannot follow fails loudly instead of being checked wrongly.
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

export interface Instruction {
  keyword: string;
  /** The rest of the line, continuation lines joined. */
  rest: string;
}

export interface Stage {
  name: string | undefined;
  base: string;
  instructions: Instruction[];
}

/** The Dockerfile's stages and their instructions (comments and line continuations handled). */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const logical = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  for (const line of logical) {
    const [, keyword = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') {
      const [base = '', as, name] = rest.split(/\s+/);
      if (as !== undefined && as.toUpperCase() !== 'AS') throw new Error(`unsupported FROM: ${line}`);
      stages.push({ name, base, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (stage === undefined) throw new Error(`instruction before FROM: ${line}`);
    stage.instructions.push({ keyword: keyword.toUpperCase(), rest });
  }
  return stages;
}

/** A .dockerignore pattern as Docker reads it: a regular expression over context paths, or an exception. */
interface IgnoreRule {
  pattern: string;
  regex: RegExp;
  exception: boolean;
}

export function parseDockerignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split('\n')) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const exception = line.startsWith('!');
    if (exception) line = line.slice(1).trim();
    const pattern = posix.normalize(line.replace(/^\/+/, '')).replace(/\/+$/, '');
    if (/[[\]\\]/.test(pattern)) throw new Error(`unsupported .dockerignore pattern: ${raw}`);
    let source = '';
    for (let i = 0; i < pattern.length; i += 1) {
      const char = pattern[i] ?? '';
      if (pattern.startsWith('**/', i)) {
        source += '(?:.*/)?';
        i += 2;
      } else if (pattern.startsWith('**', i)) {
        source += '.*';
        i += 1;
      } else if (char === '*') source += '[^/]*';
      else if (char === '?') source += '[^/]';
      else source += char.replace(/[.+^${}()|]/g, '\\$&');
    }
    rules.push({ pattern, regex: new RegExp(`^${source}$`), exception });
  }
  return rules;
}

/**
 * Whether Docker leaves `path` (relative to the context, `/`-separated) out of the context: the last rule
 * that matches the path or one of its parent directories decides.
 */
export function isIgnored(rules: readonly IgnoreRule[], path: string): boolean {
  const candidates = path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const rule of rules) {
    if (candidates.some((candidate) => rule.regex.test(candidate))) ignored = !rule.exception;
  }
  return ignored;
}

/** Every file of the build context (paths relative to `root`), .dockerignore applied. */
export function contextFiles(root: string, rules: readonly IgnoreRule[]): Set<string> {
  const exceptions = rules.filter((rule) => rule.exception).map((rule) => rule.pattern);
  const files = walkFiles(
    root,
    // An ignored directory is only entered when an exception could bring something inside it back.
    (path) => !isIgnored(rules, path) || exceptions.some((pattern) => pattern.startsWith(`${path}/`)),
  );
  return new Set(files.filter((path) => !isIgnored(rules, path)));
}

export interface CopyFromStage {
  stage: string;
  source: string;
  destination: string;
}

/**
 * Follows one stage's WORKDIR and COPY instructions into `target` (standing for the stage's WORKDIR):
 * context files are copied as Docker would; a `COPY --from=<stage>` is returned for the caller to provide.
 */
export function assembleStage(
  stage: Stage,
  root: string,
  context: ReadonlySet<string>,
  target: string,
): CopyFromStage[] {
  const fromStages: CopyFromStage[] = [];
  let workdir: string | undefined;
  for (const { keyword, rest } of stage.instructions) {
    if (keyword === 'WORKDIR') workdir = rest;
    if (keyword !== 'COPY') continue;
    if (workdir === undefined) throw new Error('COPY before WORKDIR');
    const words = rest.split(/\s+/);
    const flags = words.filter((word) => word.startsWith('--'));
    const [destination = '', ...reversedSources] = words.filter((word) => !word.startsWith('--')).reverse();
    const sources = reversedSources.reverse();
    const from = flags.find((flag) => flag.startsWith('--from='));
    if (flags.length > (from === undefined ? 0 : 1)) throw new Error(`unsupported COPY flags: ${rest}`);
    if (from !== undefined) {
      for (const source of sources) fromStages.push({ stage: from.slice(7), source, destination });
      continue;
    }
    const intoDirectory = destination.endsWith('/') || destination === '.' || sources.length > 1;
    const destinationPath = posix.join(destination.startsWith('/') ? '' : workdir, destination);
    if (!destinationPath.startsWith(workdir)) throw new Error(`COPY outside WORKDIR: ${rest}`);
    const under = destinationPath.slice(workdir.length).replace(/^\//, '');
    for (const source of sources) {
      if (/[*?[]/.test(source)) throw new Error(`unsupported COPY source: ${source}`);
      const clean = posix.normalize(source).replace(/\/+$/, '');
      const inside = [...context].filter((file) => file.startsWith(`${clean}/`));
      if (context.has(clean)) {
        copy(root, clean, target, intoDirectory ? posix.join(under, posix.basename(clean)) : under);
      } else if (inside.length > 0) {
        for (const file of inside) copy(root, file, target, posix.join(under, file.slice(clean.length + 1)));
      } else {
        throw new Error(`COPY ${source}: not in the build context (missing, or left out by .dockerignore)`);
      }
    }
  }
  return fromStages;
}

function copy(root: string, from: string, target: string, to: string): void {
  const destination = join(target, to);
  mkdirSync(dirname(destination), { recursive: true });
  cpSync(join(root, from), destination);
}

/** Every file under `dir` (relative paths, `/`-separated), entering only the directories `enter` accepts. */
export function walkFiles(dir: string, enter: (path: string, name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(dir, relative), { withFileTypes: true })) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (!entry.isDirectory()) out.push(path);
      else if (enter(path, entry.name)) walk(path);
    }
  };
  walk('');
  return out;
}

/** The module specifiers a source file loads at run time (type-only imports and exports are erased). */
export function runtimeImports(source: string): string[] {
  const specifiers: string[] = [];
  const statements =
    /(?:^|\n)[ \t]*(import|export)[ \t]+(type[ \t]+)?([^'";]*?)[ \t\n]from[ \t]+['"]([^'"]+)['"]/g;
  for (const match of source.matchAll(statements)) {
    if (match[2] === undefined && match[4] !== undefined) specifiers.push(match[4]);
  }
  for (const match of source.matchAll(/(?:^|\n)[ \t]*import[ \t]+['"]([^'"]+)['"]/g)) {
    if (match[1] !== undefined) specifiers.push(match[1]);
  }
  for (const match of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    if (match[1] !== undefined) specifiers.push(match[1]);
  }
  return specifiers;
}

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`). */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

export const readText = (path: string): string => readFileSync(path, 'utf8');
