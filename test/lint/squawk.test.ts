/**
 * Cross-check of the migration lint against squawk (npm `squawk-cli`) on the corpus in ./corpus: for every
 * MG rule with a squawk equivalent (migration-rules.md §3), both tools must flag the same statements, and
 * each statement where they differ is listed below with the reason. squawk's answers are recorded in
 * corpus/squawk.json, so the comparison runs everywhere; where the squawk binary runs, the recording is
 * checked against a live run (`SQUAWK_RECORD=1` rewrites it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { LINT_RULES, lintSql } from '../../src/domain/lint/index.ts';
import { loadSqlParser, parseSql, SqlSource } from '../../src/domain/sql/parser.ts';
import { DISAGREEMENTS, type Disagreement } from './squawkDisagreements.ts';

const CORPUS = fileURLToPath(new URL('./corpus/', import.meta.url));
const RECORDING = join(CORPUS, 'squawk.json');
const POSTGRES_VERSION = 16;
const FILES = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.sql'))
  .sort();

/** squawk's answer: the rules it reports per file, by 1-based line. */
type Recording = Record<string, { line: number; rule: string }[]>;

const transactional = (file: string) => !file.endsWith('.notx.sql');

function squawkBinary(): string | undefined {
  try {
    const path = createRequire(import.meta.url).resolve(
      `@squawk-cli/${process.platform}-${process.arch}/bin/squawk${process.platform === 'win32' ? '.exe' : ''}`,
    );
    execFileSync(path, ['--version'], { encoding: 'utf8' });
    return path;
  } catch {
    return undefined;
  }
}

function runSquawk(binary: string): Recording {
  const recording: Recording = {};
  for (const file of FILES) {
    const args = ['--reporter', 'json', '--pg-version', String(POSTGRES_VERSION), join(CORPUS, file)];
    if (transactional(file)) args.unshift('--assume-in-transaction');
    let out: string;
    try {
      out = execFileSync(binary, args, { encoding: 'utf8' });
    } catch (error) {
      // squawk exits 1 when it reports anything.
      out = (error as { stdout: string }).stdout;
    }
    const reported = JSON.parse(out) as { line: number; rule_name: string }[];
    recording[file] = reported
      .map((r) => ({ line: r.line + 1, rule: r.rule_name }))
      .sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
  }
  return recording;
}

/** MG rules with a squawk equivalent, and squawk rule → the MG rules it corresponds to. */
const COMPARED = LINT_RULES.filter((r) => r.squawk.length > 0 && r.id !== 'MG206');
const TO_MG = new Map<string, string[]>();
for (const rule of COMPARED) for (const s of rule.squawk) TO_MG.set(s, [...(TO_MG.get(s) ?? []), rule.id]);

interface StatementView {
  line: number;
  ours: Set<string>;
  squawk: Set<string>;
}

/** Both tools' answers per statement (identified by the line it starts on). */
function compare(file: string, recording: Recording): StatementView[] {
  const sql = readFileSync(join(CORPUS, file), 'utf8');
  const source = new SqlSource(sql);
  const starts = parseSql(sql).map((s) => source.position(s.stmt_location ?? 0).line);
  const statementLine = (line: number) => [...starts].reverse().find((start) => start <= line) ?? line;
  const views = new Map<number, StatementView>(
    starts.map((line) => [line, { line, ours: new Set(), squawk: new Set() }]),
  );
  const report = lintSql(sql, { transactional: transactional(file), postgresVersion: POSTGRES_VERSION });
  for (const finding of report.findings) views.get(statementLine(finding.line))?.ours.add(finding.rule);
  for (const answer of recording[file] ?? []) views.get(statementLine(answer.line))?.squawk.add(answer.rule);
  return [...views.values()];
}

function disagreements(recording: Recording): Omit<Disagreement, 'reason'>[] {
  const out: Omit<Disagreement, 'reason'>[] = [];
  for (const file of FILES) {
    for (const view of compare(file, recording)) {
      for (const rule of COMPARED) {
        const theirs = rule.squawk.filter((s) => view.squawk.has(s));
        if (view.ours.has(rule.id) && theirs.length === 0)
          out.push({ file, line: view.line, rule: rule.id, by: 'schemata' });
      }
      for (const squawkRule of view.squawk) {
        const ours = TO_MG.get(squawkRule);
        if (ours !== undefined && !ours.some((id) => view.ours.has(id))) {
          out.push({ file, line: view.line, rule: squawkRule, by: 'squawk' });
        }
      }
    }
  }
  return out;
}

const key = (d: Omit<Disagreement, 'reason'>) => `${d.file}:${d.line} ${d.rule} (${d.by})`;

describe('migration lint against squawk', () => {
  beforeAll(loadSqlParser);
  const recorded = JSON.parse(readFileSync(RECORDING, 'utf8')) as Recording;
  const binary = squawkBinary();

  it('uses a corpus of at least 150 statements', () => {
    const count = FILES.reduce((n, f) => n + parseSql(readFileSync(join(CORPUS, f), 'utf8')).length, 0);
    expect(count).toBeGreaterThanOrEqual(150);
  });

  it.runIf(binary !== undefined)('has squawk answers recorded from a live run of squawk', () => {
    const live = runSquawk(binary ?? '');
    if (process.env['SQUAWK_RECORD'] === '1') writeFileSync(RECORDING, `${JSON.stringify(live, null, 1)}\n`);
    expect(recorded).toEqual(live);
  });

  it('flags the same statements as squawk, except the listed disagreements', () => {
    const found = disagreements(recorded).map(key).sort();
    expect(found).toEqual(DISAGREEMENTS.map(key).sort());
  });

  it('gives a reason for every disagreement', () => {
    for (const d of DISAGREEMENTS) expect(d.reason.length, key(d)).toBeGreaterThan(20);
  });

  it('agrees with squawk on at least one statement for every compared rule', () => {
    const agreed = new Set<string>();
    for (const file of FILES) {
      for (const view of compare(file, recorded)) {
        for (const rule of COMPARED)
          if (view.ours.has(rule.id) && rule.squawk.some((s) => view.squawk.has(s))) agreed.add(rule.id);
      }
    }
    expect([...agreed].sort()).toEqual(COMPARED.map((r) => r.id).sort());
  });

  it('keeps the recording next to the corpus', () => {
    expect(existsSync(RECORDING)).toBe(true);
    expect(Object.keys(recorded).sort()).toEqual(FILES);
  });
});
