/**
 * One sentence per difference, naming the path. `{original}` and `{update}` are filled in at the end with
 * "old schema"/"new schema" in the order of the check's direction.
 */

import type { DifferenceFacts } from './types.ts';

type Facts = DifferenceFacts & { readonly path: string };

const KEYWORDS: Record<string, string> = {
  MAX_LENGTH: 'maxLength',
  MIN_LENGTH: 'minLength',
  PATTERN: 'pattern',
  MAXIMUM: 'maximum',
  MINIMUM: 'minimum',
  EXCLUSIVE_MAXIMUM: 'exclusiveMaximum',
  EXCLUSIVE_MINIMUM: 'exclusiveMinimum',
  MULTIPLE_OF: 'multipleOf',
  MAX_PROPERTIES: 'maxProperties',
  MIN_PROPERTIES: 'minProperties',
  MAX_ITEMS: 'maxItems',
  MIN_ITEMS: 'minItems',
  MAX_CONTAINS: 'maxContains',
  MIN_CONTAINS: 'minContains',
  UNIQUE_ITEMS: 'uniqueItems',
  ADDITIONAL_PROPERTIES: 'additionalProperties',
  UNEVALUATED_PROPERTIES: 'unevaluatedProperties',
  ADDITIONAL_ITEMS: 'the schema for further array items',
  UNEVALUATED_ITEMS: 'unevaluatedItems',
  DEPENDENCY_ARRAY: 'the dependentRequired list',
  DEPENDENCY_SCHEMA: 'the dependent schema',
  ENUM_ARRAY: 'enum',
};

const VERBS: Record<string, string> = {
  ADDED: 'was added',
  REMOVED: 'was removed',
  INCREASED: 'increased',
  DECREASED: 'decreased',
  CHANGED: 'changed',
  NARROWED: 'was narrowed',
  EXTENDED: 'was extended',
  EXPANDED: 'was changed to a multiple of the old value',
  REDUCED: 'was changed to a divisor of the old value',
};

const show = (v: unknown): string =>
  typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));

const SPECIFIC: Record<string, (f: Facts) => string> = {
  TYPE_CHANGED: (f) =>
    `The type at ${f.path} changed${f.detail ? ` (${f.detail})` : ''}, so instances the {original} accepts there are rejected.`,
  TYPE_NARROWED: (f) => `The type at ${f.path} was narrowed${f.detail ? ` (${f.detail})` : ''}.`,
  TYPE_EXTENDED: (f) => `The type at ${f.path} was extended${f.detail ? ` (${f.detail})` : ''}.`,
  SCHEMA_ADDED: (f) => `A constraint was added at ${f.path}${f.detail ? ` (${f.detail})` : ''}.`,
  SCHEMA_REMOVED: (f) => `A constraint was removed at ${f.path}.`,
  REQUIRED_ATTRIBUTE_ADDED: (f) =>
    `Property "${f.name}" at ${f.path} is required by the {update} but not by the {original}.`,
  REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED: (f) =>
    `Property "${f.name}" at ${f.path} became required and has a default the reader fills in.`,
  REQUIRED_ATTRIBUTE_REMOVED: (f) => `Property "${f.name}" at ${f.path} is no longer required.`,
  NOT_TYPE_EXTENDED: (f) =>
    `The schema excluded by "not" at ${f.path} now excludes instances the {original} accepts.`,
  NOT_TYPE_NARROWED: (f) => `The schema excluded by "not" at ${f.path} shrank.`,
  COMBINED_TYPE_CHANGED: (f) => `The combinator at ${f.path} changed${f.detail ? ` (${f.detail})` : ''}.`,
  COMBINED_TYPE_EXTENDED: (f) =>
    `The combinator at ${f.path} was relaxed${f.detail ? ` (${f.detail})` : ''}.`,
  COMBINED_TYPE_SUBSCHEMAS_CHANGED: (f) =>
    `The subschemas at ${f.path} do not all have a compatible counterpart${f.detail ? ` (${f.detail})` : ''}.`,
  SUM_TYPE_EXTENDED: (f) => `The union at ${f.path} accepts more alternatives.`,
  SUM_TYPE_NARROWED: (f) => `The union at ${f.path} lost alternatives the {original} accepted.`,
  PRODUCT_TYPE_EXTENDED: (f) => `The intersection at ${f.path} gained constraints.`,
  PRODUCT_TYPE_NARROWED: (f) => `The intersection at ${f.path} lost constraints.`,
};

function contentModel(rule: string, f: Facts): string | undefined {
  const m =
    /^(OPTIONAL_|REQUIRED_)?(PROPERTY|ITEM)(_WITH_EMPTY_SCHEMA|_WITH_DEFAULT|_WITH_FALSE)?_(ADDED|REMOVED)(_IS_COVERED_BY|_NOT_COVERED_BY)?_?(TO|FROM)?_?(.*)_CONTENT_MODEL$/.exec(
      rule,
    );
  if (m === null) return undefined;
  const what = m[2] === 'ITEM' ? `Array position ${f.name}` : `Property "${f.name}"`;
  const model = (m[7] ?? '').toLowerCase().replaceAll('_', ' ').replace('partially open', 'partially open');
  const action = m[4] === 'ADDED' ? 'was added' : 'was removed';
  const cover =
    m[5] === '_IS_COVERED_BY'
      ? ', and the old schema for it is covered'
      : m[5] === '_NOT_COVERED_BY'
        ? ', and its schema is not covered'
        : '';
  const qual =
    m[1] === 'REQUIRED_'
      ? m[3] === '_WITH_DEFAULT'
        ? ' as required with a default'
        : ' as required'
      : m[1] === 'OPTIONAL_'
        ? ' as optional'
        : '';
  const kind = model || 'content';
  return `${what} at ${f.path} ${action}${qual} in ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} model${cover}.`;
}

/** The sentence for a difference (with `{original}`/`{update}` placeholders). */
export function describe(
  rule: string,
  given: DifferenceFacts & { readonly path?: string },
  fallbackPath: string,
): string {
  const facts: Facts = { ...given, path: given.path ?? fallbackPath };
  const specific = SPECIFIC[rule];
  if (specific) return specific(facts);
  const model = contentModel(rule, facts);
  if (model !== undefined) return model;
  const m = /^(.*)_(ADDED|REMOVED|INCREASED|DECREASED|CHANGED|NARROWED|EXTENDED|EXPANDED|REDUCED)$/.exec(
    rule,
  );
  const keyword = m ? KEYWORDS[m[1] ?? ''] : undefined;
  if (m && keyword) {
    const change =
      facts.from !== undefined || facts.to !== undefined
        ? ` (${show(facts.from ?? 'absent')} → ${show(facts.to ?? 'absent')})`
        : '';
    return `${keyword[0]?.toUpperCase()}${keyword.slice(1)} at ${facts.path} ${VERBS[m[2] ?? ''] ?? 'changed'}${change}.`;
  }
  return `${rule.toLowerCase().replaceAll('_', ' ')} at ${facts.path}${facts.detail ? `: ${facts.detail}` : ''}.`;
}

/** Fills the schema names in for the direction of the check. */
export function render(text: string, original: string, update: string): string {
  return text.replaceAll('{original}', original).replaceAll('{update}', update);
}
