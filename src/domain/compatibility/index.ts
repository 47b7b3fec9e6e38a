/**
 * Compatibility checking (design §4): which registered versions a level compares with, in which
 * directions, and the violations with ajv-confirmed counterexamples. Pure; verdicts are memoised in a
 * bounded cache keyed by (old fingerprint, new fingerprint, direction, policy).
 */
import {
  clearNormalisationMemo,
  describe,
  diff,
  normalise,
  render,
  type NormalisedSchema,
} from './json/index.ts';
import { Interner, Lru } from './json/memo.ts';
import { DEFAULT_CHECK_LIMITS, type CheckLimits } from './limits.ts';

export { DEFAULT_CHECK_LIMITS, type CheckLimits } from './limits.ts';

export type CompatibilityLevel =
  'NONE' | 'BACKWARD' | 'BACKWARD_TRANSITIVE' | 'FORWARD' | 'FORWARD_TRANSITIVE' | 'FULL' | 'FULL_TRANSITIVE';

export const COMPATIBILITY_LEVELS: readonly CompatibilityLevel[] = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
];

export type CompatibilityPolicy = 'STRICT' | 'LENIENT';
export type Direction = 'BACKWARD' | 'FORWARD';

export interface Violation {
  /** Difference-type id, e.g. 'REQUIRED_ATTRIBUTE_ADDED', 'TYPE_CHANGED'. */
  rule: string;
  /** JSON Pointer into the OLD (registered) schema, e.g. '#/properties/a'. */
  oldPath: string;
  /** JSON Pointer into the NEW (proposed) schema. */
  newPath: string;
  /** One sentence naming the path. */
  message: string;
  direction: Direction;
  /** The registered version compared against. */
  oldVersion?: number;
  /** A document the writer schema accepts and the reader schema rejects, confirmed by ajv. */
  counterexample?: unknown;
}

/** A schema as the checker sees it. `schema` is the parsed JSON document (object or boolean). */
export interface ComparableSchema {
  schemaType: string;
  /** Stable identity of (type, canonical text, references); the memo key. */
  fingerprint: string;
  schema: unknown;
  /** Reference name ($ref URI) → parsed referenced document, already flattened transitively. */
  references: ReadonlyMap<string, unknown>;
}

export interface ExistingVersion extends ComparableSchema {
  version: number;
}

export interface CompatibilityResult {
  compatible: boolean;
  violations: Violation[];
}

/** Which directions a level checks: BACKWARD* → BACKWARD, FORWARD* → FORWARD, FULL* → both, NONE → none. */
export function directionsOf(level: CompatibilityLevel): Direction[] {
  if (level.startsWith('BACKWARD')) return ['BACKWARD'];
  if (level.startsWith('FORWARD')) return ['FORWARD'];
  if (level.startsWith('FULL')) return ['BACKWARD', 'FORWARD'];
  return [];
}

export function isTransitive(level: CompatibilityLevel): boolean {
  return level.endsWith('_TRANSITIVE');
}

const verdicts = new Lru<string, readonly Violation[]>(50_000);

// Fingerprints can be long (canonical text): memo keys use small interned ids instead.
const interned = new Interner(200_000, () => verdicts.clear());
const idsBySchema = new WeakMap<ComparableSchema, number>();
function internId(schema: ComparableSchema): number {
  const known = idsBySchema.get(schema);
  if (known !== undefined && interned.peek(schema.fingerprint) === known) return known;
  const id = interned.id(schema.fingerprint);
  idsBySchema.set(schema, id);
  return id;
}

/** Clears the verdict and normalisation memos (benchmarks measure cold runs). */
export function clearCompatibilityMemo(): void {
  verdicts.clear();
  interned.clear();
  clearNormalisationMemo();
}

// Normal forms per schema object first (no hashing of long fingerprints), then per fingerprint.
const forms = new WeakMap<ComparableSchema, NormalisedSchema>();
function input(s: ComparableSchema): NormalisedSchema {
  const known = forms.get(s);
  if (known !== undefined && known.fingerprint === s.fingerprint && known.document === s.schema) return known;
  const form = normalise({ schema: s.schema, references: s.references, fingerprint: s.fingerprint });
  forms.set(s, form);
  return form;
}

/** Violations of one direction: BACKWARD diffs old → new (old data, new reader); FORWARD the reverse. */
function checkDirection(
  proposed: ComparableSchema,
  existing: ComparableSchema,
  direction: Direction,
  policy: CompatibilityPolicy,
  limits: CheckLimits,
): readonly Violation[] {
  const key = `${internId(existing)}:${internId(proposed)}:${direction}:${policy}`;
  const hit = verdicts.get(key);
  if (hit !== undefined) return hit;
  const backward = direction === 'BACKWARD';
  const [original, update] = backward ? [existing, proposed] : [proposed, existing];
  const [originalName, updateName] = backward ? ['old schema', 'new schema'] : ['new schema', 'old schema'];
  const violations = diff(input(original), input(update), policy, { limits })
    .filter((d) => !d.compatible)
    .map((d): Violation => ({
      rule: d.rule,
      oldPath: backward ? d.originalPath : d.updatePath,
      newPath: backward ? d.updatePath : d.originalPath,
      message: render(describe(d.rule, d.facts, d.updatePath), originalName, updateName),
      direction,
      ...(d.counterexample !== undefined && { counterexample: d.counterexample }),
    }));
  verdicts.set(key, violations);
  return violations;
}

function copy(v: Violation, version: number): Violation {
  const out: Violation = { ...v, oldVersion: version };
  if (v.counterexample !== undefined) out.counterexample = structuredClone(v.counterexample);
  return out;
}

/** Pure: compare against exactly one version in the given direction(s). */
export function checkPair(
  proposed: ComparableSchema,
  existing: ExistingVersion,
  directions: readonly Direction[],
  policy: CompatibilityPolicy = 'STRICT',
  limits: CheckLimits = DEFAULT_CHECK_LIMITS,
): CompatibilityResult {
  const direction = directions[0] ?? 'BACKWARD';
  if (proposed.schemaType !== existing.schemaType) {
    const message = `The schema type changed from ${existing.schemaType} to ${proposed.schemaType} at #.`;
    return {
      compatible: false,
      violations: [
        {
          rule: 'SCHEMA_TYPE_CHANGED',
          oldPath: '#',
          newPath: '#',
          message,
          direction,
          oldVersion: existing.version,
        },
      ],
    };
  }
  if (proposed.schemaType !== 'JSON') {
    const message = `Compatibility of ${proposed.schemaType} schemas cannot be checked at # by this engine.`;
    return {
      compatible: false,
      violations: [
        {
          rule: 'UNSUPPORTED_SCHEMA_TYPE',
          oldPath: '#',
          newPath: '#',
          message,
          direction,
          oldVersion: existing.version,
        },
      ],
    };
  }
  const violations = directions.flatMap((d) =>
    checkDirection(proposed, existing, d, policy, limits).map((v) => copy(v, existing.version)),
  );
  return { compatible: violations.length === 0, violations };
}

/**
 * Pure. `existing` is ordered newest first and contains only live versions. Non-transitive levels
 * compare with the newest only; transitive ones with all, stopping at the first failing version.
 */
export function checkCompatibility(
  level: CompatibilityLevel,
  proposed: ComparableSchema,
  existing: readonly ExistingVersion[],
  policy: CompatibilityPolicy = 'STRICT',
  limits: CheckLimits = DEFAULT_CHECK_LIMITS,
): CompatibilityResult {
  const directions = directionsOf(level);
  if (directions.length === 0) return { compatible: true, violations: [] };
  const targets = isTransitive(level) ? existing : existing.slice(0, 1);
  for (const version of targets) {
    const result = checkPair(proposed, version, directions, policy, limits);
    if (!result.compatible) return result;
  }
  return { compatible: true, violations: [] };
}
