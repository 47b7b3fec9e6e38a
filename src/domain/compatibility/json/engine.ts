/**
 * The inclusion checker's driver: memoised node pairs, co-inductive handling of recursive references
 * (reference §7.4) and hard bounds on work, so hostile schemas fail closed instead of hanging.
 */
import { BudgetExceeded, spend, spent } from '../../budget.ts';
import { Interner, Lru } from './memo.ts';
import { keyOf } from './normalise.ts';
import { allCompatible, isCompatibleRule } from './rules.ts';
import type { Difference, DifferenceFacts, Node, Policy, Role } from './types.ts';

// Reference-free subschemas mean the same wherever they appear, so their verdicts are shared across
// checks (e.g. the same property schema in 1,000 registered versions), keyed by interned canonical text.
// Each keeps the steps it cost, spent again on reuse, so a verdict never depends on what was compared before.
const shared = new Lru<string, { readonly diffs: readonly Difference[]; readonly cost: number }>(100_000);
const keyIds = new Interner(200_000, () => shared.clear());
const MAX_CALL_DEPTH = 400;
const MAX_ROUNDS = 16;
const NONE: readonly Difference[] = [];

export class TooComplex extends Error {}

/** A difference for the rule, with its sentence. */
export function difference(
  rule: string,
  originalPath: string,
  updatePath: string,
  facts: DifferenceFacts = {},
  witness?: () => unknown,
): Difference {
  return witness === undefined
    ? { rule, originalPath, updatePath, facts }
    : { rule, originalPath, updatePath, facts, witness };
}

/** Re-roots the witnesses of a child pair's incompatible differences into the parent instance. */
export function lift(
  diffs: readonly Difference[],
  wrap: (v: unknown) => unknown,
  policy: Policy,
): readonly Difference[] {
  if (diffs.length === 0) return NONE;
  return diffs.map((d) => {
    const w = d.witness;
    if (w === undefined || isCompatibleRule(d.rule, policy)) return d;
    return {
      ...d,
      witness: () => {
        const v = w();
        return v === undefined ? undefined : wrap(v);
      },
    };
  });
}

export type Dispatch = (engine: Engine, original: Node, update: Node) => readonly Difference[];

export class Engine {
  private readonly memo = new Map<string, readonly Difference[]>();
  private readonly stack = new Map<string, number>();
  private readonly failures = new Map<string, Difference>();
  private readonly found = new Map<string, Difference>();
  private readonly assumed = new Set<string>();
  private instanceDepth = 0;
  private callDepth = 0;

  constructor(
    readonly policy: Policy,
    private readonly dispatch: Dispatch,
  ) {}

  ok(diffs: readonly Difference[]): boolean {
    return allCompatible(diffs, this.policy);
  }

  /** Follows references (and, for writers, drops draft ≤ 07 `$ref` siblings). */
  view(node: Node, role: Role): Node {
    let n = node;
    for (let hops = 0; hops < 64; hops++) {
      if (n.kind === 'ref') n = n.resolve();
      else if (
        role === 'writer' &&
        n.kind === 'allOf' &&
        n.writerFactors?.length === 1 &&
        n.writerFactors[0]
      ) {
        n = n.writerFactors[0];
      } else return n;
    }
    return { kind: 'invalid', id: -1, path: node.path, rule: 'UNRESOLVED_REFERENCE', reason: 'a $ref cycle' };
  }

  /** Differences for ⟦original⟧ ⊆ ⟦update⟧ at the same instance. */
  sub(original: Node, update: Node): readonly Difference[] {
    const o = this.view(original, 'writer');
    const u = this.view(update, 'reader');
    if ((u.kind === 'bool' && u.value) || (o.kind === 'bool' && !o.value) || o === u) return NONE;
    const ko = keyOf(o);
    const ku = keyOf(u);
    if (ko !== undefined && ko === ku) return NONE;
    // Every `true` is the same schema: one identity keeps recursion through synthetic ones finite.
    const key = `${o.kind === 'bool' ? 'T' : o.id}:${u.id}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const sharedKey =
      ko !== undefined && ku !== undefined
        ? `${this.policy}|${keyIds.id(ko)}|${keyIds.id(ku)}|${o.path}|${u.path}`
        : undefined;
    const reused = sharedKey === undefined ? undefined : shared.get(sharedKey);
    if (reused !== undefined) {
      spend(reused.cost);
      this.memo.set(key, reused.diffs);
      return reused.diffs;
    }
    const pushedAt = this.stack.get(key);
    if (pushedAt !== undefined) {
      const failed = this.failures.get(key);
      if (failed !== undefined) return [failed];
      if (pushedAt === this.instanceDepth) {
        return [
          difference('SCHEMA_TOO_COMPLEX', o.path, u.path, {
            detail: 'a reference cycle that never descends into the instance',
          }),
        ];
      }
      this.assumed.add(key);
      return NONE;
    }
    spend();
    if (this.callDepth > MAX_CALL_DEPTH) throw new TooComplex();
    const before = spent();
    this.stack.set(key, this.instanceDepth);
    this.callDepth++;
    let result: readonly Difference[];
    try {
      result = this.dispatch(this, o, u);
    } finally {
      this.stack.delete(key);
      this.callDepth--;
    }
    this.memo.set(key, result);
    if (sharedKey !== undefined) shared.set(sharedKey, { diffs: result, cost: spent() - before + 1 });
    const bad = result.find((d) => !isCompatibleRule(d.rule, this.policy));
    if (bad !== undefined) this.found.set(key, bad);
    return result;
  }

  /** Differences for a child instance (property value, array item); witnesses are wrapped by `wrap`. */
  child(original: Node, update: Node, wrap: (v: unknown) => unknown): readonly Difference[] {
    this.instanceDepth++;
    try {
      return lift(this.sub(original, update), wrap, this.policy);
    } finally {
      this.instanceDepth--;
    }
  }

  /**
   * Top-level check. When a recursive pair was assumed compatible, re-runs with the pairs found
   * incompatible seeded as failures until that set stops growing (terminates: it only grows).
   */
  run(original: Node, update: Node): readonly Difference[] {
    const tooComplex = (detail: string) => [
      difference('SCHEMA_TOO_COMPLEX', original.path, update.path, { detail }),
    ];
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        this.memo.clear();
        this.found.clear();
        this.assumed.clear();
        const result = this.sub(original, update);
        // Results are final unless a pair assumed compatible while on the stack turned out not to be.
        if (![...this.assumed].some((k) => this.found.has(k))) return result;
        let grew = false;
        for (const [k, d] of this.found) {
          if (!this.failures.has(k)) {
            this.failures.set(k, d);
            grew = true;
          }
        }
        if (!grew) return result;
      }
      return tooComplex(`recursive references that did not settle in ${MAX_ROUNDS} rounds`);
    } catch (e) {
      if (e instanceof BudgetExceeded) return tooComplex(`the comparison needed ${e.message}`);
      if (!(e instanceof TooComplex) && !(e instanceof RangeError)) throw e;
      return tooComplex(`the comparison nests deeper than ${MAX_CALL_DEPTH} levels`);
    }
  }
}
