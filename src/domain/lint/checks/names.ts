/** Column types (MG401) and the names a migration gives to new objects (MG403). */
import type { TypeName } from '@pgsql/types';
import { canonicalType, serialBase } from '../../sql/types.ts';
import type { LintRun } from '../run.ts';
import type { NamingKind } from '../types.ts';

/** MG401: one finding per column whose type has a better choice. */
export function checkColumnType(run: LintRun, typeName: TypeName, column: string): void {
  const advice = typeAdvice(typeName);
  if (advice !== undefined) run.report('MG401', `Column ${column}: ${advice}.`, typeName.location);
}

function typeAdvice(typeName: TypeName): string | undefined {
  if (serialBase(typeName) !== undefined)
    return 'serial types are an integer with a sequence default: prefer bigint GENERATED … AS IDENTITY';
  const type = canonicalType(typeName).replace(/\[\]$/, '');
  if (type === 'integer' || type === 'smallint') return `${type} can run out of values: prefer bigint`;
  if (/^timestamp(\(\d\))? without time zone$/.test(type))
    return 'timestamp drops the UTC offset: prefer timestamptz';
  if (/^character varying\(\d+\)$/.test(type))
    return `${type} needs an ACCESS EXCLUSIVE lock to change its length: prefer text with a CHECK`;
  if (/^character\(\d+\)$/.test(type)) return `${type} pads with blanks: prefer text`;
  if (type === 'json') return 'json keeps duplicate keys and cannot be indexed or compared: prefer jsonb';
  return undefined;
}

/** MG403: the name fails the configured pattern for its kind. */
export function checkName(run: LintRun, kind: NamingKind, name: string | undefined): void {
  const pattern = run.settings.naming[kind];
  if (name === undefined || pattern === undefined || pattern.test(name)) return;
  run.report('MG403', `The ${kind} name ${name} does not match the naming convention /${pattern.source}/.`);
}
