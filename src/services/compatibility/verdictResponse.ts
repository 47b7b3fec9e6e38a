import type { CompatibilityLevel, Violation } from '../../domain/compatibility/index.ts';
import {
  renderConfluentMessages,
  toWireViolations,
  type ComparedVersion,
  type WireViolation,
} from './renderMessages.ts';

/** The body of both compatibility endpoints (openapi.yaml `CompatibilityCheckResponse`). */
export interface CompatibilityCheckResponse {
  is_compatible: boolean;
  messages?: string[];
  violations?: WireViolation[];
}

/**
 * `{is_compatible}`, plus with `verbose` Confluent's `messages` strings and Schemata's structured
 * `violations`. Compatible verdicts carry empty lists, as Confluent does.
 */
export function verdictResponse(
  verdict: { compatible: boolean; violations: readonly Violation[] },
  context: { level: CompatibilityLevel; compared: readonly ComparedVersion[]; verbose: boolean },
): CompatibilityCheckResponse {
  if (!context.verbose) return { is_compatible: verdict.compatible };
  if (verdict.compatible) return { is_compatible: true, messages: [], violations: [] };
  const sole = context.compared.length === 1 ? context.compared[0]?.version : undefined;
  const violations = toWireViolations(verdict.violations, sole);
  return {
    is_compatible: false,
    messages: renderConfluentMessages(violations, context.level, context.compared),
    violations,
  };
}

/** The verbose answer for a schema that does not even parse: one message with the reason. */
export function invalidSchemaResponse(reason: string, verbose: boolean): CompatibilityCheckResponse {
  return verbose ? { is_compatible: false, messages: [reason] } : { is_compatible: false };
}
