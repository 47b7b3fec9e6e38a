import { stringOption } from './args.ts';
import type { CommandSpec } from './args.ts';
import { COMPATIBILITY_LEVELS, type CompatibilityLevel } from '../domain/compatibility/index.ts';
import { defineCommand, exitFor } from './define.ts';
import { compareFiles } from './compare.ts';
import { readSchemaFile, SCHEMA_TYPES, type SchemaType } from './schemaFiles.ts';
import { humanViolations, severityOf, violationFindings } from './violations.ts';

const SPEC: CommandSpec = {
  usage: 'schemata diff <old> <new> [--level L] [--type JSON|TABLE]',
  summary: 'Lists every violation between two schema files, offline, with the engine the registry uses.',
  description: `Files are JSON Schema documents, TABLE models (JSON) or CREATE TABLE statements (.sql).
BACKWARD violations are documents (or code) of <old> that <new> breaks; FORWARD the reverse. Each comes
with its rule, a JSON Pointer into both files, a sentence and, where one exists, a counterexample.`,
  options: {
    level: {
      type: 'string',
      value: 'L',
      choices: COMPATIBILITY_LEVELS,
      description: 'Directions to compare: BACKWARD, FORWARD or FULL (default FULL: both)',
    },
    type: {
      type: 'string',
      value: 'T',
      choices: SCHEMA_TYPES,
      description: 'Schema type (default: from the files)',
    },
  },
  positionals: { min: 2, max: 2, names: '<old> and <new> files' },
  exitCodes: `  0  no violation of error severity
  1  <new> breaks <old> in a compared direction, or a file is not a valid schema
  2  usage error (missing file, bad option)`,
};

export const diff = defineCommand('diff', SPEC, async ({ values, positionals }, { cwd }) => {
  const [oldPath = '', newPath = ''] = positionals;
  const type = stringOption(values, 'type') as SchemaType | undefined;
  const level = (stringOption(values, 'level') as CompatibilityLevel | undefined) ?? 'FULL';
  const older = readSchemaFile(oldPath, cwd, type);
  const newer = readSchemaFile(newPath, cwd, type ?? older.type);
  const verdict = await compareFiles(level, newer, [older]);
  const { compatible } = verdict;
  // One old file: "against version 1" would only be noise.
  const violations = verdict.violations.map(({ oldVersion: _, ...v }) => v);
  const name = `${older.path} → ${newer.path}`;
  return {
    command: 'schemata diff',
    exitCode: exitFor(!compatible),
    cases: [{ name, failed: !compatible, findings: violationFindings(violations, newer.path) }],
    json: { old: older.path, new: newer.path, type: newer.type, level, compatible, violations },
    human: (style) => {
      const errors = violations.filter((v) => severityOf(v) === 'error').length;
      const verdict = compatible ? style.green('compatible') : style.red('incompatible');
      const count = `${violations.length} violation${violations.length === 1 ? '' : 's'}`;
      return [
        `${name}: ${verdict} under ${level} (${count}, ${errors} breaking)`,
        ...humanViolations(violations, style),
      ].join('\n');
    },
  };
});
