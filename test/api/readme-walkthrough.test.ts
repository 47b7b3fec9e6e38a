import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, STORAGE, type TestRegistry } from '../helpers/registry.ts';

const execFileAsync = promisify(execFile);

// The README's "Try it" commands, run as written with the real curl against a fresh registry. A comment
// line with `→ A` (or `→ A, then B`) gives the answers of the next commands, `…` standing for anything.
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(
  readme.indexOf('## Try it'),
  readme.indexOf('\n## ', readme.indexOf('## Try it')),
);
const script = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] ?? '').join('\n');

/** The expected answer of each curl command, in order (undefined: only a 2xx status is expected). */
function expectations(text: string): (string | undefined)[] {
  const expected: (string | undefined)[] = [];
  let pending: string[] = [];
  for (const line of text.split('\n')) {
    const arrow = line.startsWith('#') ? line.indexOf('→') : -1;
    if (arrow >= 0)
      pending = line
        .slice(arrow + 1)
        .split(', then ')
        .map((part) => part.trim());
    if (line.startsWith('curl ')) expected.push(pending.shift());
  }
  return expected;
}

const matcher = (expected: string) =>
  new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('…', '.*')}$`, 's');

// Each call's status and body go to numbered files; --max-time ends the SSE stream.
const CURL_RECORDER = `n=0
curl() { n=$((n+1)); command curl --max-time 3 -o "$OUT/$(printf %03d $n).body" -w '%{http_code}' "$@" > "$OUT/$(printf %03d $n).status"; return 0; }
`;

describe(`README walk-through with curl (${STORAGE})`, () => {
  const out = mkdtempSync(join(tmpdir(), 'schemata-readme-'));
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  }, 180_000);
  afterAll(async () => {
    await registry.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('answers every command as the README says', async () => {
    expect(script).toMatch(/^R=http:\/\/localhost:8081$/m);
    const expected = expectations(script);
    expect(expected.filter((e) => e !== undefined).length).toBeGreaterThanOrEqual(8);
    await execFileAsync('bash', ['-c', CURL_RECORDER + script.replace(/^R=.*$/m, `R=${registry.url}`)], {
      env: { ...process.env, OUT: out },
      timeout: 120_000,
    });
    const calls = readdirSync(out)
      .filter((file) => file.endsWith('.status'))
      .sort()
      .map((file) => ({
        status: readFileSync(join(out, file), 'utf8'),
        body: readFileSync(join(out, file.replace('.status', '.body')), 'utf8').trim(),
      }));
    expect(calls).toHaveLength(expected.length);
    calls.forEach((call, i) => {
      expect(call.status, `command ${i + 1}: ${call.body}`).toMatch(/^2\d\d$/);
      const answer = expected[i];
      if (answer !== undefined) expect(call.body, `command ${i + 1}`).toMatch(matcher(answer));
    });
    // The stream (the last command) opened: it follows live changes until curl's --max-time.
    expect(calls.at(-1)?.body).toContain('retry: 2000');
  }, 180_000);
});
