import { requiredOption, type CommandSpec } from '../args.ts';
import { defineCommand, exitFor } from '../define.ts';
import type { Finding, ReportCase } from '../output/report.ts';
import type { Style } from '../output/style.ts';
import { isRefusal } from './catalog.ts';
import { CATALOG_OPTIONS, catalogClient } from './options.ts';
import { readMigrations, versionKey } from './files.ts';

const SPEC: CommandSpec = {
  usage: 'schemata migrate plan --catalog C --dir D',
  summary:
    'Lints and plans the files the catalog does not have yet, and prints per table subject the change and the verdict.',
  description: `The catalog replays its migrations and the planned one into a throw-away database and compares the
tables it produces with their TABLE subjects. Nothing is stored.`,
  options: { ...CATALOG_OPTIONS },
  positionals: { min: 0, max: 0, names: '' },
  registry: true,
  exitCodes: `  0  every pending migration lints clean of errors and keeps its tables compatible
  1  a lint error, an incompatible table change, or a refused check
  2  usage or configuration error
  3  registry unreachable or credentials refused`,
};

interface PlanAnswer {
  lint?: { findings?: { rule: string; severity: string; message: string; line?: number; column?: number }[] };
  tables?: {
    subject: string;
    change: string;
    version?: number;
    compatible: boolean;
    violations?: { rule: string; message: string; severity?: string }[];
  }[];
  checks?: { rule: string; message: string; severity?: string }[];
  wouldStore?: boolean;
}

export const plan = defineCommand('migrate plan', SPEC, async ({ values }, context) => {
  const migrations = readMigrations(requiredOption(values, 'dir'), context.cwd);
  const catalog = catalogClient(values, context);
  const stored = new Set((await catalog.list()).map((m) => versionKey(m.version).join('.')));
  const pending = migrations.filter((m) => !stored.has(m.key.join('.')));
  const cases: ReportCase[] = [];
  const plans: unknown[] = [];
  const lines: ((style: Style) => string)[] = [];
  for (const migration of pending) {
    const answer = await catalog.plan(migration);
    const findings: Finding[] = [];
    const at = { file: migration.path };
    if (isRefusal(answer)) {
      for (const f of answer.findings)
        findings.push({
          ...at,
          rule: f.rule,
          severity: sev(f.severity),
          message: f.message,
          ...(f.line !== undefined && { line: f.line, column: f.column ?? 1 }),
        });
      if (!findings.some((f) => f.severity === 'error'))
        findings.push({ ...at, rule: 'REFUSED', severity: 'error', message: answer.message });
      plans.push({ version: migration.version, refused: answer });
    } else {
      const body = answer as PlanAnswer;
      for (const f of body.lint?.findings ?? [])
        findings.push({
          ...at,
          rule: f.rule,
          severity: sev(f.severity),
          message: f.message,
          ...(f.line !== undefined && { line: f.line }),
          ...(f.column !== undefined && { column: f.column }),
        });
      for (const table of body.tables ?? []) {
        for (const v of table.violations ?? [])
          findings.push({
            ...at,
            rule: v.rule,
            severity: table.compatible ? sev(v.severity ?? 'warn') : sev(v.severity),
            message: `${table.subject}: ${v.message}`,
          });
      }
      for (const c of body.checks ?? [])
        findings.push({ ...at, rule: c.rule, severity: sev(c.severity), message: c.message });
      plans.push({ version: migration.version, ...body });
      lines.push((style) =>
        [
          `V${migration.version} ${migration.description}`,
          ...(body.tables ?? []).map(
            (t) =>
              `  ${t.subject}: ${t.change}${t.version === undefined ? '' : ` → version ${t.version}`} — ${t.compatible ? style.green('compatible') : style.red('incompatible')}`,
          ),
        ].join('\n'),
      );
    }
    const failed = findings.some((f) => f.severity === 'error');
    cases.push({ name: `V${migration.version} ${migration.description}`, failed, findings });
  }
  const failed = cases.some((c) => c.failed);
  return {
    command: 'schemata migrate plan',
    exitCode: exitFor(failed),
    cases,
    json: { catalog: catalog.catalog, pending: pending.map((m) => m.version), plans },
    human: humanOf(pending.length, lines, cases),
  };
});

const sev = (severity: string | undefined): Finding['severity'] =>
  severity === 'warn' || severity === 'info' ? severity : 'error';

function humanOf(count: number, lines: ((style: Style) => string)[], cases: readonly ReportCase[]) {
  return (style: Style): string => {
    if (count === 0) return 'nothing to plan: the catalog has every migration of the directory';
    const findings = cases.flatMap((c) =>
      c.findings.map(
        (f) =>
          `  ${f.severity === 'error' ? style.red('✗') : style.yellow('!')} ${f.file ?? ''}${f.line ? `:${f.line}` : ''} ${style.bold(f.rule)} ${f.message}`,
      ),
    );
    return [
      ...lines.map((l) => l(style)),
      ...findings,
      cases.some((c) => c.failed) ? style.red('plan refused') : style.green('plan ok'),
    ].join('\n');
  };
}
