/**
 * The type changes TS004 accepts (migration-rules.md §2): ones after which every value old code wrote is
 * still valid and reads back the same. Types arrive in canonical (format_type) spelling.
 */
const INTEGER_WIDTH: Record<string, number> = { smallint: 2, integer: 4, bigint: 8 };

export function isWidening(from: string, to: string): boolean {
  if (from === to) return true;
  const [a, b] = [INTEGER_WIDTH[from], INTEGER_WIDTH[to]];
  if (a !== undefined && b !== undefined) return b > a;
  if (from === 'cidr' && to === 'inet') return true;
  return varcharWidens(from, to) || numericWidens(from, to) || precisionWidens(from, to);
}

function varcharWidens(from: string, to: string): boolean {
  const old = /^character varying(?:\((\d+)\))?$/.exec(from);
  if (old === null) return false;
  if (to === 'text') return true;
  const next = /^character varying(?:\((\d+)\))?$/.exec(to);
  if (next === null) return false;
  if (next[1] === undefined) return true;
  return old[1] !== undefined && Number(next[1]) > Number(old[1]);
}

function numericWidens(from: string, to: string): boolean {
  const old = /^numeric\((\d+),(\d+)\)$/.exec(from);
  if (old === null) return false;
  if (to === 'numeric') return true;
  const next = /^numeric\((\d+),(\d+)\)$/.exec(to);
  return next !== null && next[2] === old[2] && Number(next[1]) > Number(old[1]);
}

/** `timestamp`, `timestamptz`, `time` and `interval` with more fractional digits; timestamp → timestamptz. */
function precisionWidens(from: string, to: string): boolean {
  const [old, next] = [temporal(from), temporal(to)];
  if (old === undefined || next === undefined || next.precision < old.precision) return false;
  if (old.kind !== next.kind) return false;
  if (old.rest === next.rest) return true;
  return old.kind === 'timestamp' && old.rest === 'without time zone' && next.rest === 'with time zone';
}

/** Default (absent) precision is the maximum, 6. */
function temporal(type: string): { kind: string; precision: number; rest: string } | undefined {
  const match = /^(timestamp|time|interval)(?:\((\d)\))?(?: (.*))?$/.exec(type);
  if (match === null) return undefined;
  const [, kind = '', digits, rest = ''] = match;
  // interval's fields clause precedes the precision: `interval day to second(3)`.
  const fields = /^(.*)\((\d)\)$/.exec(rest);
  if (kind === 'interval' && fields !== null)
    return { kind, precision: Number(fields[2]), rest: fields[1] ?? '' };
  return { kind, precision: digits === undefined ? 6 : Number(digits), rest };
}
