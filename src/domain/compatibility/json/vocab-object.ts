/** Object keywords → `ObjectConstraints` (draft-04 `dependencies` split into the two 2019-09 maps). */
import type { Draft } from '../../schema/json/drafts.ts';
import { escapeToken, isRecord, pointer } from './canonical.ts';
import { conj, typeNode } from './nodes.ts';
import { compilePattern, matchesEveryString } from './patterns.ts';
import type { Kw, Node, ObjectConstraints, PatternEntry } from './types.ts';
import { isModern } from './vocabulary.ts';

/** Normalises the subschemas of one schema object (its base URI, depth and composite flag). */
export interface Children {
  child(raw: unknown, path: string): Node;
}

export const OBJECT_KEYWORDS = [
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'dependencies',
  'dependentRequired',
  'dependentSchemas',
  'unevaluatedProperties',
];

const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const names = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

interface Dependencies {
  readonly required: Map<string, Kw<readonly string[]>>;
  readonly schemas: Map<string, Node>;
}

/** Adds one dependency keyword's entries: name lists (if `arrays`) and schemas (if `schemas`). */
function addDependencies(
  into: Dependencies,
  map: unknown,
  keyword: string,
  arrays: boolean,
  schemas: boolean,
  path: string,
  children: Children,
): void {
  if (!isRecord(map)) return;
  for (const [key, dep] of Object.entries(map)) {
    const at = pointer(path, keyword, key);
    if (arrays && names(dep)) {
      const prior = into.required.get(key)?.value ?? [];
      into.required.set(key, { value: [...new Set([...prior, ...dep])], path: at });
    } else if (schemas && (isRecord(dep) || typeof dep === 'boolean')) {
      const node = children.child(dep, at);
      const prior = into.schemas.get(key);
      into.schemas.set(key, prior === undefined ? node : conj(prior, node));
    }
  }
}

/**
 * @param composite whether ajv runs this schema inside anyOf/oneOf/not/if, where it applies no defaults.
 * @param inPlace whether in-place applicators sit beside it (then `unevaluatedProperties` is approximated).
 */
export function readObject(
  raw: Record<string, unknown>,
  path: string,
  draft: Draft,
  children: Children,
  composite: boolean,
  inPlace: boolean,
): ObjectConstraints | 'invalid' | undefined {
  const modern = isModern(draft);
  if (!OBJECT_KEYWORDS.some((k) => Object.hasOwn(raw, k))) return undefined;
  const properties = new Map<string, Node>();
  const defaults = new Map<string, unknown>();
  const props = raw['properties'];
  if (isRecord(props)) {
    const at = `${path}/properties/`;
    for (const name of Object.keys(props)) {
      const sub = props[name];
      properties.set(name, children.child(sub, at + escapeToken(name)));
      if (!composite && isRecord(sub) && Object.hasOwn(sub, 'default')) defaults.set(name, sub['default']);
    }
  }
  const required = new Map<string, string>();
  const req = raw['required'];
  if (names(req)) for (const r of req) required.set(r, path);
  const patterns: PatternEntry[] = [];
  const pp = raw['patternProperties'];
  if (isRecord(pp)) {
    for (const [source, sub] of Object.entries(pp)) {
      if (compilePattern(source) === undefined) return 'invalid';
      const at = pointer(path, 'patternProperties', source);
      // Patterns that match every name are one pattern, however spelled (`a*`, `.*`, ``).
      const key = matchesEveryString(source) ? '' : source;
      patterns.push({ source: key, node: children.child(sub, at), path: at });
    }
  }
  const dependentRequired = new Map<string, Kw<readonly string[]>>();
  const dependentSchemas = new Map<string, Node>();
  const deps: Dependencies = { required: dependentRequired, schemas: dependentSchemas };
  addDependencies(deps, raw['dependencies'], 'dependencies', true, true, path, children);
  if (modern) {
    addDependencies(deps, raw['dependentRequired'], 'dependentRequired', true, false, path, children);
    addDependencies(deps, raw['dependentSchemas'], 'dependentSchemas', false, true, path, children);
  }
  const additional = Object.hasOwn(raw, 'additionalProperties')
    ? children.child(raw['additionalProperties'], pointer(path, 'additionalProperties'))
    : undefined;
  const unevaluated =
    modern && Object.hasOwn(raw, 'unevaluatedProperties')
      ? {
          node: children.child(raw['unevaluatedProperties'], pointer(path, 'unevaluatedProperties')),
          exact: !inPlace && dependentSchemas.size === 0,
        }
      : undefined;
  const pn = Object.hasOwn(raw, 'propertyNames')
    ? conj(
        typeNode(['string'], pointer(path, 'propertyNames')),
        children.child(raw['propertyNames'], pointer(path, 'propertyNames')),
      )
    : undefined;
  const min = raw['minProperties'];
  const max = raw['maxProperties'];
  return {
    path,
    properties,
    required,
    defaults,
    patterns,
    dependentRequired,
    dependentSchemas,
    ...(additional && { additional }),
    ...(unevaluated && { unevaluated }),
    ...(pn && { propertyNames: pn }),
    ...(count(min) && { minProperties: { value: min, path } }),
    ...(count(max) && { maxProperties: { value: max, path } }),
  };
}
