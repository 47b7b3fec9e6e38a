/** A measured figure with its target; `value` is undefined when the measurement could not be taken. */
export interface Figure {
  name: string;
  value: number | undefined;
  unit: string;
  /** `min`: the value must be at least `target`; `max`: at most. */
  kind: 'min' | 'max';
  target: number;
}

/** What each bench part hands back to the runner: lines to print and figures for the summary. */
export interface BenchSection {
  title: string;
  lines: string[];
  figures: Figure[];
  /** Set when the whole part did not run (missing database, missing file); printed in the summary. */
  skipped?: string;
}

export type Verdict = 'PASS' | 'MISS' | 'n/a';

export function verdict(figure: Figure): Verdict {
  if (figure.value === undefined || Number.isNaN(figure.value)) return 'n/a';
  const ok = figure.kind === 'min' ? figure.value >= figure.target : figure.value <= figure.target;
  return ok ? 'PASS' : 'MISS';
}

export function formatNumber(value: number | undefined, unit = ''): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return unit === '' ? text : `${text} ${unit}`;
}

export const formatTarget = (figure: Figure): string =>
  `${figure.kind === 'min' ? '≥' : '≤'} ${figure.target}${figure.unit === '' ? '' : ` ${figure.unit}`}`;

/** One aligned line per figure, then the skipped parts; the last block the runner prints. */
export function summaryLines(sections: BenchSection[], foreignVerdicts: string[]): string[] {
  const rows = sections.flatMap((section) =>
    section.figures.map((figure) => [
      figure.name,
      formatNumber(figure.value, figure.unit),
      formatTarget(figure),
      verdict(figure),
    ]),
  );
  const header = ['figure', 'value', 'target', 'verdict'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  for (const text of foreignVerdicts) out.push(text);
  for (const section of sections)
    if (section.skipped) out.push(`${section.title}: SKIPPED — ${section.skipped}`);
  return out;
}

/** Percentile (0–100) of unsorted samples, nearest-rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
