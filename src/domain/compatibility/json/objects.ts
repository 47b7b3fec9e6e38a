/** Object keywords: properties and content models (§5), required, counts and propertyNames. */
import { pointer } from './canonical.ts';
import { difference, type Engine } from './engine.ts';
import { evaluate } from './evaluate.ts';
import { isFalse } from './nodes.ts';
import { samples } from './samples.ts';
import { governing, type Governing } from './object-model.ts';
import { compareDependencies } from './object-dependencies.ts';
import { comparePatternsAndRest } from './object-rest.ts';
import type { Difference, ObjectConstraints, SimpleNode } from './types.ts';
import { objectCarrying, objectWith, pick } from './witness.ts';

const empties = new WeakMap<SimpleNode, ObjectConstraints>();

/** No object keywords, cached per node so that derived nodes keep stable identities. */
function emptyObject(node: SimpleNode): ObjectConstraints {
  let empty = empties.get(node);
  if (empty === undefined) {
    empty = { path: node.path, properties: new Map(), required: new Map(), defaults: new Map(), patterns: [], dependentRequired: new Map(), dependentSchemas: new Map() };
    empties.set(node, empty);
  }
  return empty;
}

function firstWitness(diffs: readonly Difference[], e: Engine): (() => unknown) | undefined {
  return diffs.find((d) => d.witness !== undefined && !e.ok([d]))?.witness;
}

/** A required property counts as satisfied when the reader fills a default the reader itself accepts. */
function defaultFills(u: ObjectConstraints, name: string): boolean {
  if (!u.defaults.has(name)) return false;
  return evaluate(governing(u, name, 'reader').node, u.defaults.get(name), 'reader');
}

function compareProperty(e: Engine, oNode: SimpleNode, uNode: SimpleNode, o: ObjectConstraints, u: ObjectConstraints, name: string): Difference[] {
  const oa: Governing = governing(o, name, 'writer');
  const ua: Governing = governing(u, name, 'reader');
  const oPath = o.properties.get(name)?.path ?? pointer(o.path, 'properties', name);
  const uPath = u.properties.get(name)?.path ?? pointer(u.path, 'properties', name);
  const wrap = (v: unknown) => objectCarrying(oNode, name, v);
  const facts = { name, path: uPath };
  const d = (rule: string, w?: () => unknown) => difference(rule, oPath, uPath, facts, w);
  const inO = o.properties.has(name);
  const inU = u.properties.has(name);
  if (inO && inU) return e.child(oa.node, ua.node, wrap);
  const strict = e.policy === 'STRICT';
  const out: Difference[] = [];
  if (inU) {
    const newly = u.required.has(name) && !o.required.has(name);
    const fills = newly && defaultFills(u, name);
    const lacking = () => objectWith(oNode, {}, name);
    if (oa.model === 'open') {
      const nested = e.child(oa.node, ua.node, wrap);
      if (newly && !fills) return [d('REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', lacking)];
      if (e.ok(nested)) return newly ? [d('REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL')] : [d('PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL')];
      const rule = newly ? 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL' : 'OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL';
      return [d(rule, firstWitness(nested, e))];
    }
    if (oa.model === 'covered') {
      const nested = e.child(oa.node, ua.node, wrap);
      if (e.ok(nested)) out.push(d('PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'), ...nested);
      else out.push(d('PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', firstWitness(nested, e)), ...(strict ? nested : []));
    }
    if (!newly) out.push(d('OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL'));
    else if (fills) out.push(d('REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL'));
    else out.push(d('REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL', lacking));
    return out;
  }
  // Declared only in the original: judged on the update's model for that name.
  if (isFalse(oa.node)) return [d('PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL')];
  if (ua.model === 'open') return [d('PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL')];
  const nested = e.child(oa.node, ua.node, wrap);
  if (ua.model === 'closed') return [d('PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL', firstWitness(nested, e))];
  if (e.ok(nested)) return [d('PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'), ...nested];
  return [d('PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', firstWitness(nested, e)), ...(strict ? nested : [])];
}

function compareRequired(oNode: SimpleNode, o: ObjectConstraints, u: ObjectConstraints): Difference[] {
  const out: Difference[] = [];
  for (const [name, path] of u.required) {
    if (o.required.has(name) || (u.properties.has(name) && !o.properties.has(name))) continue;
    const oPath = pointer(o.path, 'properties', name);
    if (defaultFills(u, name)) out.push(difference('REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED', oPath, path, { name, path }));
    else out.push(difference('REQUIRED_ATTRIBUTE_ADDED', oPath, path, { name, path }, () => objectWith(oNode, {}, name)));
  }
  for (const [name, path] of o.required) {
    if (!u.required.has(name)) out.push(difference('REQUIRED_ATTRIBUTE_REMOVED', path, u.path, { name, path: u.path }));
  }
  return out;
}

function compareCounts(oNode: SimpleNode, uNode: SimpleNode, o: ObjectConstraints, u: ObjectConstraints): Difference[] {
  const out: Difference[] = [];
  const many = () => {
    const all: Record<string, unknown> = Object.fromEntries([...o.properties].map(([k, n]) => [k, samples(n)[0] ?? null]));
    const target = (u.maxProperties?.value ?? 0) + 1;
    for (let i = 0; Object.keys(all).length < target && i < target + 8 && target <= 64; i++) {
      const name = `x${i}`;
      if (!Object.hasOwn(all, name)) all[name] = samples(governing(o, name, 'writer').node)[0] ?? null;
    }
    return pick(oNode, uNode, [objectWith(oNode, all)]);
  };
  const few = () => pick(oNode, uNode, [objectWith(oNode, {})]);
  const oMin = Math.max(o.minProperties?.value ?? 0, o.required.size);
  if (u.minProperties && u.minProperties.value > oMin) {
    const rule = o.minProperties ? 'MIN_PROPERTIES_INCREASED' : 'MIN_PROPERTIES_ADDED';
    out.push(difference(rule, o.path, u.path, { from: o.minProperties?.value, to: u.minProperties.value }, few));
  } else if (o.minProperties && (u.minProperties?.value ?? 0) < o.minProperties.value) {
    out.push(difference(u.minProperties ? 'MIN_PROPERTIES_DECREASED' : 'MIN_PROPERTIES_REMOVED', o.path, u.path, { from: o.minProperties.value, to: u.minProperties?.value }));
  }
  const closed = o.patterns.length === 0 && o.additional !== undefined && isFalse(o.additional);
  const oMax = Math.min(o.maxProperties?.value ?? Infinity, closed ? o.properties.size : Infinity);
  if (u.maxProperties && u.maxProperties.value < oMax) {
    const rule = o.maxProperties ? 'MAX_PROPERTIES_DECREASED' : 'MAX_PROPERTIES_ADDED';
    out.push(difference(rule, o.path, u.path, { from: o.maxProperties?.value, to: u.maxProperties.value }, many));
  } else if (o.maxProperties && (u.maxProperties?.value ?? Infinity) > o.maxProperties.value) {
    out.push(difference(u.maxProperties ? 'MAX_PROPERTIES_INCREASED' : 'MAX_PROPERTIES_REMOVED', o.path, u.path, { from: o.maxProperties.value, to: u.maxProperties?.value }));
  }
  return out;
}

function comparePropertyNames(e: Engine, oNode: SimpleNode, o: ObjectConstraints, u: ObjectConstraints): Difference[] {
  const pu = u.propertyNames;
  if (pu === undefined) return o.propertyNames ? [difference('SCHEMA_REMOVED', pointer(o.path, 'propertyNames'), u.path)] : [];
  const at = pointer(u.path, 'propertyNames');
  const named = (v: unknown) =>
    typeof v === 'string' ? objectCarrying(oNode, v, samples(governing(o, v, 'writer').node)[0] ?? null) : undefined;
  if (o.propertyNames) return e.child(o.propertyNames, pu, named);
  const closed = o.patterns.length === 0 && o.additional !== undefined && isFalse(o.additional);
  const names = closed ? [...o.properties.keys()].filter((n) => !isFalse(governing(o, n, 'writer').node)) : undefined;
  const bad = names === undefined ? ['zz', 'a', 'A', '0', 'x-y', 'long_property_name'].find((n) => !evaluate(pu, n, 'writer')) : names.find((n) => !evaluate(pu, n, 'reader'));
  if (names !== undefined && bad === undefined) return [];
  return [difference('SCHEMA_ADDED', o.path, at, { path: at, detail: 'propertyNames' }, bad === undefined ? undefined : () => named(bad))];
}

/** Differences of the object keywords of two simple nodes that both admit objects. */
export function compareObject(e: Engine, oNode: SimpleNode, uNode: SimpleNode): Difference[] {
  if (uNode.object === undefined) return [];
  const o = oNode.object ?? emptyObject(oNode);
  const u = uNode.object;
  const names = new Set([...o.properties.keys(), ...u.properties.keys()]);
  const out: Difference[] = [];
  for (const name of names) out.push(...compareProperty(e, oNode, uNode, o, u, name));
  out.push(...compareRequired(oNode, o, u));
  out.push(...comparePatternsAndRest(e, oNode, o, u));
  out.push(...compareCounts(oNode, uNode, o, u));
  out.push(...compareDependencies(e, oNode, o, u));
  out.push(...comparePropertyNames(e, oNode, o, u));
  return out;
}
