/**
 * Draft-specific spellings → the simple node's internal form (reference §3 step 2, §9): type sets,
 * enum/const, string and numeric keywords. Object and array keywords live in their own modules.
 */
import type { Draft } from '../../schema/json/drafts.ts';
import { canonical } from './canonical.ts';
import { compilePattern } from './patterns.ts';
import type {
  Bound,
  FiniteSet,
  JsonType,
  Kw,
  Mutable,
  NumberConstraints,
  StringConstraints,
} from './types.ts';
import { JSON_TYPES } from './types.ts';

export const isModern = (d: Draft): boolean => d === '2019-09' || d === '2020-12';

const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

// `"type": "string"` is by far the most common form: one shared (never mutated) set per type name.
const SINGLE_TYPES: ReadonlyMap<string, ReadonlySet<JsonType>> = new Map(
  JSON_TYPES.map((t) => [t, new Set<JsonType>([t])]),
);

/** `type` as a set (`number` absorbs `integer`); `null` when the keyword is malformed. */
export function readTypes(raw: Record<string, unknown>): ReadonlySet<JsonType> | undefined | null {
  const t = raw['type'];
  if (t === undefined) return undefined;
  if (typeof t === 'string') return SINGLE_TYPES.get(t) ?? null;
  const list = Array.isArray(t) ? t : [t];
  const out = new Set<JsonType>();
  for (const x of list) {
    if (typeof x !== 'string' || !(JSON_TYPES as readonly string[]).includes(x)) return null;
    out.add(x as JsonType);
  }
  if (out.has('number')) out.delete('integer');
  return out;
}

export function finiteSet(values: readonly unknown[], path: string): FiniteSet {
  const keys = new Set<string>();
  const unique: unknown[] = [];
  for (const v of values) {
    const k = canonical(v);
    if (keys.has(k)) continue;
    keys.add(k);
    unique.push(v);
  }
  return { values: unique, keys, path };
}

/** `enum` and `const` (`const: v` is `enum: [v]`; both present intersect). */
export function readEnum(raw: Record<string, unknown>, path: string): FiniteSet | undefined {
  const e = raw['enum'];
  const fromEnum = Array.isArray(e) ? finiteSet(e, path) : undefined;
  if (!Object.hasOwn(raw, 'const')) return fromEnum;
  const c = finiteSet([raw['const']], path);
  if (fromEnum === undefined) return c;
  const [key] = c.keys;
  return key !== undefined && fromEnum.keys.has(key) ? c : finiteSet([], path);
}

export function readString(
  raw: Record<string, unknown>,
  path: string,
): StringConstraints | 'invalid' | undefined {
  const min = raw['minLength'];
  const max = raw['maxLength'];
  const pattern = raw['pattern'];
  if (!count(min) && !count(max) && typeof pattern !== 'string') return undefined;
  const patterns: Kw<string>[] = [];
  if (typeof pattern === 'string') {
    if (compilePattern(pattern) === undefined) return 'invalid';
    patterns.push({ value: pattern, path });
  }
  const out: Mutable<StringConstraints> = { patterns };
  if (count(min)) out.minLength = { value: min, path };
  if (count(max)) out.maxLength = { value: max, path };
  return out;
}

function bound(
  raw: Record<string, unknown>,
  path: string,
  draft: Draft,
  side: 'lower' | 'upper',
): Bound | undefined {
  const [incl, excl] =
    side === 'lower'
      ? (['minimum', 'exclusiveMinimum'] as const)
      : (['maximum', 'exclusiveMaximum'] as const);
  const inclusive = raw[incl];
  const exclusive = raw[excl];
  if (draft === 'draft-04') {
    if (!num(inclusive)) return undefined;
    const flag = exclusive === true;
    return { value: inclusive, exclusive: flag, keyword: flag ? excl : incl, path };
  }
  const a: Bound | undefined = num(inclusive)
    ? { value: inclusive, exclusive: false, keyword: incl, path }
    : undefined;
  const b: Bound | undefined = num(exclusive)
    ? { value: exclusive, exclusive: true, keyword: excl, path }
    : undefined;
  if (a === undefined || b === undefined) return a ?? b;
  // The tighter of the two defines the effective bound; exclusive wins a tie (§7.7).
  if (a.value === b.value) return b;
  return (side === 'lower' ? b.value > a.value : b.value < a.value) ? b : a;
}

export function readNumber(
  raw: Record<string, unknown>,
  path: string,
  draft: Draft,
): NumberConstraints | undefined {
  const lower = bound(raw, path, draft, 'lower');
  const upper = bound(raw, path, draft, 'upper');
  const m = raw['multipleOf'];
  const multipleOf = num(m) && m > 0 ? [{ value: m, path }] : [];
  if (lower === undefined && upper === undefined && multipleOf.length === 0) return undefined;
  return { multipleOf, ...(lower && { lower }), ...(upper && { upper }) };
}
