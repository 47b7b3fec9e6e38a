import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checksumOf } from '../../src/cli/migrate/files.ts';

/**
 * The migration catalog's routes (issue 16) as far as the runner uses them, kept in memory: submit (200 for
 * the same checksum, 409 CT001 for another), list, environment state, and append-only applications with one
 * `applying` per catalog and environment. The registry's own catalog replaces it once it is on main; until
 * then this is the only way to watch what the runner records.
 */
export interface CatalogStandIn {
  url: string;
  stored: Map<string, { version: string; checksum: string; up: string; verify?: unknown }>;
  applications: ({ version: string } & Record<string, unknown>)[];
  /** The schema_version each environment reported (what PUT …/schema-version would set). */
  reported: Map<string, string>;
  close(): Promise<void>;
}

export async function startCatalogStandIn(): Promise<CatalogStandIn> {
  const stored: CatalogStandIn['stored'] = new Map();
  const applications: CatalogStandIn['applications'] = [];
  const running = new Set<string>();
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      const body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      const parts = (req.url ?? '').split('?')[0]?.split('/').slice(1).map(decodeURIComponent) ?? [];
      const send = (status: number, answer: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer));
      };
      const [root, catalog, second, third] = parts;
      if (root !== 'migrations' || catalog === undefined)
        return send(404, { error_code: 404, message: 'no route' });
      if (parts.length === 2 && req.method === 'GET') {
        return send(200, { catalog, migrations: [...stored.values()] });
      }
      if (parts.length === 2 && req.method === 'POST') {
        const version = String(body['version']);
        const checksum = checksumOf(String(body['up']));
        const known = stored.get(version);
        if (known !== undefined && known.checksum !== checksum) {
          return send(409, {
            error_code: 40901,
            message: `CT001: version ${version} is stored with another checksum`,
            findings: [
              { rule: 'CT001', severity: 'error', message: 'checksum differs from the stored migration' },
            ],
          });
        }
        if (known !== undefined) return send(200, known);
        const migration = { version, checksum, up: String(body['up']), verify: body['verify'] };
        stored.set(version, migration);
        return send(201, migration);
      }
      if (parts.length === 3 && second === 'plan' && req.method === 'POST') {
        const up = String(body['up']);
        // A drop column breaks the table's subject; anything else is an additive change.
        const breaking = /drop column/i.test(up);
        return send(200, {
          lint: {
            findings: breaking
              ? [
                  {
                    rule: 'MG002',
                    severity: 'error',
                    message: 'Dropping column users.email breaks its readers.',
                    line: 1,
                    column: 1,
                  },
                ]
              : [],
          },
          tables: [
            {
              subject: `${catalog}.public.users`,
              change: 'changed',
              compatible: !breaking,
              violations: breaking
                ? [{ rule: 'TS001', severity: 'error', message: 'Column email was removed.' }]
                : [],
            },
          ],
          checks: [],
          wouldStore: !breaking,
        });
      }
      if (parts.length === 3 && second === 'changelog' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/markdown' });
        return res.end(
          `# ${catalog}\n\n${[...stored.values()].map((m) => `## V${m.version}`).join('\n\n')}\n`,
        );
      }
      if (second === 'environments' && third !== undefined) {
        return send(200, {
          catalog,
          environment: third,
          schemaVersion: reported.get(third) ?? null,
          findings: [],
        });
      }
      if (parts.length === 4 && third === 'applications' && req.method === 'POST' && second !== undefined) {
        const key = `${catalog}/${String(body['environment'])}`;
        if (body['status'] === 'applying') {
          if (running.has(key))
            return send(409, {
              error_code: 40902,
              message: 'another application is running in this environment',
            });
          running.add(key);
        } else running.delete(key);
        applications.push({ version: second, ...body });
        return send(201, { version: second, ...body });
      }
      return send(404, { error_code: 404, message: 'no route' });
    });
  });
  const reported = new Map<string, string>();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stored,
    applications,
    reported,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
