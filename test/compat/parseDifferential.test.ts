/**
 * Differential test of registration's schema check: `parseSchema` (inspection walk, ajv compiles only
 * what the walk cannot vouch for) against the previous check kept as an oracle (meta-validation plus a
 * full ajv compile of every schema). They must agree on every schema, with the same message, apart from
 * the one deliberate change: a plain `id` outside draft-04 is an annotation, no longer an ajv error.
 * Fixed seed; `PARSE_DIFF_SEED=<n> PARSE_DIFF_RUNS=<n>` runs other generated schemas.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import { DEFAULT_DRAFT, detectDraft } from '../../src/domain/schema/json/drafts.ts';
import { inspectDocument } from '../../src/domain/schema/json/inspect.ts';
import { parseSchema } from '../../src/domain/schema/json/parseSchema.ts';
import { metaValidateAndCompile, oracle, type Outcome } from './parseOracle.ts';
import {
  conformanceCorpus,
  curatedCorpus,
  generatedArbitrary,
  harnessCorpus,
  type CorpusEntry,
} from './schemaCorpus.ts';

const SEED = Number(process.env['PARSE_DIFF_SEED'] ?? 20_250_214);
const GENERATED = Number(process.env['PARSE_DIFF_RUNS'] ?? 2_000);
const HARNESS_PAIRS = 150;

function current(c: CorpusEntry): Outcome {
  try {
    parseSchema(
      {
        schemaType: 'JSON',
        schema: c.text,
        references: [...c.references.keys()].map((name, i) => ({ name, subject: `s${i}`, version: 1 })),
      },
      c.references,
      { normalize: false },
    );
    return { accepted: true };
  } catch (error) {
    if (error instanceof DomainError) return { accepted: false, message: error.message };
    throw error;
  }
}

const LIMIT = /JSON values|nests deeper|more than \d+ keys|too large to represent/;

function agree(a: Outcome, b: Outcome): boolean {
  if (a.accepted || b.accepted) return a.accepted === b.accepted;
  // Several exceeded limits may be reported in another order: any limit sentence will do.
  return a.message === b.message || (LIMIT.test(a.message) && LIMIT.test(b.message));
}

describe('parseSchema agrees with meta-validation + ajv compile', () => {
  const corpus = [
    ...conformanceCorpus(),
    ...harnessCorpus(SEED, HARNESS_PAIRS),
    ...curatedCorpus(),
    ...fc.sample(generatedArbitrary(), { seed: SEED, numRuns: GENERATED }),
  ];

  it(`on ${corpus.length} conformance, harness, hand-picked and generated schemas (seed ${SEED})`, () => {
    const disagreements: unknown[] = [];
    const unsound: unknown[] = [];
    let accepted = 0;
    let vouched = 0;
    let idChanges = 0;
    for (const c of corpus) {
      const now = current(c);
      const expected = oracle(c.text, c.references, false);
      if (!agree(now, expected)) disagreements.push({ name: c.name, text: c.text, now, expected });
      if (now.accepted) accepted++;
      // The only behaviour change: ajv used to refuse a plain `id` outside draft-04.
      const before = c.text.includes('"id"') ? oracle(c.text, c.references, true) : expected;
      if (!agree(before, expected)) {
        if (before.accepted || !/NOT SUPPORTED: keyword "id"/.test(before.message)) {
          disagreements.push({ name: c.name, text: c.text.slice(0, 2000), before, expected });
        } else idChanges++;
      }
      // Soundness of the walk on its own: whenever it vouches, meta-valid means ajv compiles.
      const doc: unknown = JSON.parse(c.text);
      const draft = detectDraft(doc) ?? DEFAULT_DRAFT;
      const inspection = inspectDocument(doc, draft, c.references);
      if (
        inspection.surelyCompiles &&
        (typeof doc === 'boolean' || (typeof doc === 'object' && doc !== null))
      ) {
        vouched++;
        const compiled = metaValidateAndCompile(doc, draft, c.references, false);
        if (!compiled.accepted && !compiled.message.startsWith('The schema is not a valid JSON Schema')) {
          unsound.push({ name: c.name, text: c.text.slice(0, 2000), compiled });
        }
      }
    }
    console.log(
      `parse differential: ${corpus.length} schemas, ${accepted} accepted, ${vouched} vouched for by the walk, ${idChanges} accepted now despite a plain id`,
    );
    expect(unsound).toEqual([]);
    expect(disagreements).toEqual([]);
    expect(idChanges).toBeGreaterThan(0);
    expect(vouched).toBeGreaterThan(accepted / 2);
  }, 300_000);
});
