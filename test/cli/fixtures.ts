import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

/** A fresh directory with the given files (path → text, or a JSON value written as JSON). */
export function workspace(files: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'schemata-cli-ws-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

export interface JunitSuite {
  name: string;
  tests: number;
  failures: number;
  cases: { name: string; failure?: { message: string; type: string; text: string }; out?: string }[];
}

/** Parses `--format junit` output back into its suites and cases. */
export function parseJunit(xml: string): JunitSuite[] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    textNodeName: 'text',
    isArray: (name) => ['testsuite', 'testcase'].includes(name),
  });
  const doc = parser.parse(xml) as { testsuites: { testsuite: Record<string, unknown>[] } };
  return doc.testsuites.testsuite.map((suite) => ({
    name: String(suite['name']),
    tests: Number(suite['tests']),
    failures: Number(suite['failures']),
    cases: ((suite['testcase'] as Record<string, unknown>[] | undefined) ?? []).map((c) => {
      const failure = c['failure'] as Record<string, string> | undefined;
      return {
        name: String(c['name']),
        ...(failure !== undefined && {
          failure: {
            message: failure['message'] ?? '',
            type: failure['type'] ?? '',
            text: failure['text'] ?? '',
          },
        }),
        ...(c['system-out'] !== undefined && { out: String(c['system-out']) }),
      };
    }),
  }));
}

export interface WorkflowCommand {
  level: string;
  properties: Record<string, string>;
  message: string;
}

/** Parses `::level k=v,…::message` lines (unescaping as the runner does); other lines are ignored. */
export function parseGithub(output: string): WorkflowCommand[] {
  const unescape = (text: string) =>
    text
      .replaceAll('%0D', '\r')
      .replaceAll('%0A', '\n')
      .replaceAll('%3A', ':')
      .replaceAll('%2C', ',')
      .replaceAll('%25', '%');
  return output
    .split('\n')
    .map((line) => /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({
      level: m[1] ?? '',
      properties: Object.fromEntries(
        (m[2] ?? '')
          .split(',')
          .filter((p) => p !== '')
          .map((p) => {
            const [key = '', ...rest] = p.split('=');
            return [key, unescape(rest.join('='))];
          }),
      ),
      message: unescape(m[3] ?? ''),
    }));
}

// Closed content models, so that adding an optional property is a BACKWARD-compatible change.
export const personV1 = {
  type: 'object',
  properties: { name: { type: 'string' } },
  additionalProperties: false,
};
export const personV2 = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer' } },
};
/** Breaks V1 readers going BACKWARD: `name` becomes required and an integer. */
export const personBreaking = {
  type: 'object',
  properties: { name: { type: 'integer' } },
  required: ['name'],
};
