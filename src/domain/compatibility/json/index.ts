/**
 * JSON Schema compatibility core (reference §1): `diff(original, update, policy)` lists the differences;
 * the pair is compatible when every one is compatible under the policy. BACKWARD(new, old) = diff(old, new).
 */
import { BudgetExceeded, withBudget, WorkBudget } from '../../budget.ts';
import { CHECK_LIMIT_VARIABLES, DEFAULT_CHECK_LIMITS, type CheckLimits } from '../limits.ts';
import { dispatch } from './compare.ts';
import { confirms, searchCounterexample } from './counterexample.ts';
import { Engine } from './engine.ts';
import { Lru } from './memo.ts';
import { normaliseSchema } from './normalise.ts';
import { ENGINE_RULES, isCompatibleRule } from './rules.ts';
import type { Difference, NormalisedSchema, Policy } from './types.ts';

export type { Difference, NormalisedSchema, Policy } from './types.ts';
export { ENGINE_RULES, RESERVED_RULES, RULES, isCompatibleRule } from './rules.ts';
export { describe, render } from './messages.ts';

export interface SchemaInput {
  readonly schema: unknown;
  readonly references?: ReadonlyMap<string, unknown>;
  /** Stable identity of (schema, references); also the memo key. Defaults to canonical text. */
  readonly fingerprint?: string;
}

export interface CheckedDifference extends Difference {
  readonly compatible: boolean;
  /** A document the original accepts and the update rejects, confirmed by ajv. */
  readonly counterexample?: unknown;
}

export interface DiffOptions {
  /** Build ajv-confirmed counterexamples for incompatible differences (default true). */
  readonly counterexamples?: boolean;
  /** Work budgets (DEFAULT_CHECK_LIMITS when absent). */
  readonly limits?: CheckLimits;
}

const NO_REFERENCES: ReadonlyMap<string, unknown> = new Map();
const normalised = new Lru<string, NormalisedSchema>(5_000);
const MAX_WITNESS_ATTEMPTS = 24;

/** Forgets memoised normal forms (benchmarks measure cold runs). */
export function clearNormalisationMemo(): void {
  normalised.clear();
}

/** Normal form of a schema, memoised per fingerprint. */
export function normalise(input: SchemaInput | NormalisedSchema): NormalisedSchema {
  if ('root' in input) return input;
  const references = input.references ?? NO_REFERENCES;
  const fingerprint =
    input.fingerprint ?? `${JSON.stringify(input.schema)}\u0000${JSON.stringify([...references])}`;
  const hit = normalised.get(fingerprint);
  if (hit !== undefined) return hit;
  const result = normaliseSchema(input.schema, references, fingerprint);
  normalised.set(fingerprint, result);
  return result;
}

function dedupe(diffs: readonly Difference[]): Difference[] {
  const seen = new Map<string, Difference>();
  for (const d of diffs) {
    const key = `${d.rule}|${d.originalPath}|${d.updatePath}`;
    const prior = seen.get(key);
    if (prior === undefined || (prior.witness === undefined && d.witness !== undefined)) seen.set(key, d);
  }
  return [...seen.values()];
}

function attachCounterexamples(
  o: NormalisedSchema,
  u: NormalisedSchema,
  diffs: Difference[],
  policy: Policy,
): CheckedDifference[] {
  let attempts = 0;
  let found = false;
  // Once the budget is spent, the remaining differences keep their verdicts and go without a counterexample.
  let exhausted = false;
  const out: CheckedDifference[] = diffs.map((d) => {
    const compatible = isCompatibleRule(d.rule, policy);
    if (compatible || d.witness === undefined || attempts >= MAX_WITNESS_ATTEMPTS || exhausted)
      return { ...d, compatible };
    attempts++;
    let doc: unknown;
    try {
      doc = d.witness();
      if (!confirms(o, u, doc)) return { ...d, compatible };
    } catch (error) {
      exhausted ||= error instanceof BudgetExceeded;
      return { ...d, compatible };
    }
    found = true;
    return { ...d, compatible, counterexample: doc };
  });
  const firstBad = out.findIndex((d) => !d.compatible);
  const target = out[firstBad];
  // A check that failed closed (depth, references, work bound) is not worth a blind search.
  const failedClosed = out.some((d) => ENGINE_RULES.includes(d.rule));
  if (!found && target !== undefined && !failedClosed && !exhausted) {
    let doc: unknown;
    try {
      doc = searchCounterexample(o, u);
    } catch (error) {
      if (!(error instanceof BudgetExceeded)) throw error;
    }
    if (doc !== undefined) out[firstBad] = { ...target, counterexample: doc };
  }
  return out;
}

/** Every difference between `original` and `update` (compatible ones included), each with its verdict. */
export function diff(
  original: SchemaInput | NormalisedSchema,
  update: SchemaInput | NormalisedSchema,
  policy: Policy = 'STRICT',
  options: DiffOptions = {},
): CheckedDifference[] {
  const o = normalise(original);
  const u = normalise(update);
  if (o.fingerprint === u.fingerprint) return [];
  const limits = options.limits ?? DEFAULT_CHECK_LIMITS;
  const steps = new WorkBudget(limits.maxCheckSteps, CHECK_LIMIT_VARIABLES.maxCheckSteps);
  const diffs = withBudget(steps, () => dedupe(new Engine(policy, dispatch).run(o.root, u.root)));
  if (options.counterexamples === false)
    return diffs.map((d) => ({ ...d, compatible: isCompatibleRule(d.rule, policy) }));
  const search = new WorkBudget(limits.maxCounterexampleSteps, CHECK_LIMIT_VARIABLES.maxCounterexampleSteps);
  return withBudget(search, () => attachCounterexamples(o, u, diffs, policy));
}

/** True when `diff` finds only compatible differences. */
export function isCompatible(original: SchemaInput, update: SchemaInput, policy: Policy = 'STRICT'): boolean {
  return diff(original, update, policy, { counterexamples: false }).every((d) => d.compatible);
}
