import { renderConfluentMessages, toWireViolations, } from "./renderMessages.js";
/**
 * `{is_compatible}`, plus with `verbose` Confluent's `messages` strings and Schemata's structured
 * `violations`. Compatible verdicts carry empty lists, as Confluent does.
 */
export function verdictResponse(verdict, context) {
    if (!context.verbose)
        return { is_compatible: verdict.compatible };
    if (verdict.compatible)
        return { is_compatible: true, messages: [], violations: [] };
    const sole = context.compared.length === 1 ? context.compared[0]?.version : undefined;
    const violations = toWireViolations(verdict.violations, sole);
    return {
        is_compatible: false,
        messages: renderConfluentMessages(violations, context.level, context.compared),
        violations,
    };
}
/** The verbose answer for a schema that does not even parse: one message with the reason. */
export function invalidSchemaResponse(reason, verbose) {
    return verbose ? { is_compatible: false, messages: [reason] } : { is_compatible: false };
}
