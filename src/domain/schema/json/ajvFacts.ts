import type { Ajv } from 'ajv';
import { sharedAjv, type Draft } from './drafts.ts';

export type UriResolver = Ajv['opts']['uriResolver'];

/** Facts about the ajv of a draft that do not change once it is built. */
export interface AjvFacts {
  /** The identifier keyword ajv reads: `id` in draft-04, `$id` elsewhere. */
  readonly idKey: string;
  /** ajv's URI resolver: resolving like ajv means resolving with it. */
  readonly resolver: UriResolver;
  /** Keywords ajv compiles (a `$ref` with none of them beside it continues a chain). */
  readonly rules: ReadonlySet<string>;
  /** URIs a fresh ajv already holds (its meta-schemas). */
  readonly known: ReadonlySet<string>;
}

const factsByDraft = new Map<Draft, AjvFacts>();

export function ajvFacts(draft: Draft): AjvFacts {
  let facts = factsByDraft.get(draft);
  if (facts === undefined) {
    const ajv = sharedAjv(draft);
    facts = {
      idKey: draft === 'draft-04' ? 'id' : '$id',
      resolver: ajv.opts.uriResolver,
      rules: new Set(Object.keys(ajv.RULES.all)),
      known: new Set([...Object.keys(ajv.refs), ...Object.keys(ajv.schemas)]),
    };
    factsByDraft.set(draft, facts);
  }
  return facts;
}

/** ajv drops a trailing '#' or '#/' from identifiers and references before using them. */
export const normalizeId = (id: string): string => id.replace(/#\/?$/, '');

/** A URI without its fragment, followed by '#', as ajv compares resources. */
export function fullPath(resolver: UriResolver, uri: string, normalize = true): string {
  const parsed = resolver.parse(normalize ? normalizeId(uri) : uri);
  return `${resolver.serialize(parsed).split('#')[0] ?? ''}#`;
}
