import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

/** What the hostile clients saw: each request's latency, how many were refused as expected, other answers. */
export interface HostileStats {
  latencies: number[];
  refused: number;
  wrong: string[];
}

/** Two unions whose branches all differ: the check compares every pair and runs out of MAX_CHECK_STEPS. */
export const union = (branches: number, type: string) => ({
  anyOf: Array.from({ length: branches }, (_, i) => ({
    type: 'object',
    properties: { [`k${i}`]: { type } },
    required: [`k${i}`],
  })),
});

/** Definitions that each refer to the previous one twice: 2^40 subschemas once expanded. */
function doubling(count: number): unknown {
  const definitions: Record<string, unknown> = { d0: { type: 'integer' } };
  for (let i = 1; i <= count; i++) {
    const previous = { $ref: `#/definitions/d${i - 1}` };
    definitions[`d${i}`] = { anyOf: [previous, { allOf: [previous, { maximum: i }] }] };
  }
  return { definitions, $ref: `#/definitions/d${count}` };
}

const HOSTILE: Array<{
  path: (client: number) => string;
  body: string;
  expect: (status: number, text: string) => boolean;
}> = [
  {
    path: () => '/compatibility/subjects/liveness-union/versions?verbose=true',
    body: JSON.stringify({ schemaType: 'JSON', schema: JSON.stringify(union(200, 'integer')) }),
    expect: (status, text) => status === 200 && text.includes('MAX_CHECK_STEPS'),
  },
  {
    path: (client) => `/subjects/liveness-doubling-${client}/versions`,
    body: JSON.stringify({ schemaType: 'JSON', schema: JSON.stringify(doubling(40)) }),
    expect: (status, text) => status === 422 && text.includes('MAX_SCHEMA_REF_EXPANSION'),
  },
  {
    path: (client) => `/subjects/liveness-enum-${client}/versions`,
    body: JSON.stringify({
      schemaType: 'JSON',
      schema: JSON.stringify({ enum: Array.from({ length: 100_000 }, (_, i) => i) }),
    }),
    expect: (status, text) => status === 422 && text.includes('MAX_SCHEMA_ENUM_MEMBERS'),
  },
];

/** One client: one request at a time, cycling through the hostile kinds, until told to stop. */
async function hostileLoop(base: string, client: number, stop: { now: boolean }, out: HostileStats) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  for (let k = client; !stop.now; k++) {
    const kind = HOSTILE[k % HOSTILE.length];
    if (kind === undefined) break;
    const started = performance.now();
    const { status, text } = await post(agent, `${base}${kind.path(client)}`, kind.body);
    out.latencies.push(performance.now() - started);
    if (kind.expect(status, text)) out.refused++;
    else out.wrong.push(`${status} ${text.slice(0, 200)}`);
  }
  agent.destroy();
}

function post(agent: Agent, url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json' };
    const req = request(url, { method: 'POST', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

// As a worker thread (bench/liveness.ts): run the clients until the parent says stop, then report.
if (parentPort !== null && typeof workerData === 'object' && workerData !== null) {
  const port = parentPort;
  const { base, clients } = workerData as { base: string; clients: number };
  const stop = { now: false };
  const stats: HostileStats = { latencies: [], refused: 0, wrong: [] };
  const loops = Array.from({ length: clients }, (_, i) => hostileLoop(base, i, stop, stats));
  port.once('message', () => {
    stop.now = true;
    void Promise.all(loops).then(() => port.postMessage(stats));
  });
}
