/** Problems in a TABLE model, reported as 42201 naming the field as a JSON Pointer. */
import { DomainError } from '../../errors.ts';
import { canonicalExpressionText } from '../../sql/expressions.ts';

/** PostgreSQL truncates identifiers past NAMEDATALEN - 1 bytes. */
export const MAX_IDENTIFIER_BYTES = 63;

/** A canonical SQL expression, or 42201 naming the field. */
export function expressionAt(at: string, text: string): string {
  const canonical = canonicalExpressionText(text);
  if (canonical === undefined) throw invalidAt(at, `'${text}' is not one SQL expression`);
  return canonical;
}

/** Rejects names PostgreSQL would truncate. */
export function identifierAt(at: string, name: string): void {
  if (Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_BYTES) {
    throw invalidAt(at, `"${name}" is longer than ${MAX_IDENTIFIER_BYTES} bytes`);
  }
}

export function invalidAt(pointer: string, problem: string): DomainError {
  return new DomainError('INVALID_SCHEMA', `Invalid TABLE schema at ${pointer}: ${problem}.`);
}
