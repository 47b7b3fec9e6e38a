import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import type { DomainErrorKind } from '../domain/errors.ts';
import { parseAuthRule, type AuthRule } from './auth/rule.ts';

/** One operation of openapi.yaml, with validators compiled from its parameter and body schemas. */
export interface OperationSpec {
  operationId: string;
  method: 'get' | 'post' | 'put' | 'delete';
  /** Path as written in openapi.yaml, e.g. `/subjects/{subject}/versions`. */
  path: string;
  /** The same path in Hono's syntax, e.g. `/subjects/:subject/versions`. */
  honoPath: string;
  parameters: ParameterSpec[];
  /** Its `x-auth`: the least role it needs and where its subject or catalog is (see auth/rule.ts). */
  auth: AuthRule;
  body?: {
    required: boolean;
    validate: ValidateFunction;
    missingKind: DomainErrorKind | undefined;
    /** The JSON body's `example` in openapi.yaml. */
    example: unknown;
  };
}

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  type: 'string' | 'integer' | 'boolean';
  validate: ValidateFunction;
  /** Domain error raised when the value does not match its schema (else BAD_REQUEST). */
  errorKind: DomainErrorKind | undefined;
  /** Its `example` in openapi.yaml (tests build requests to every operation from them). */
  example: unknown;
}

export const OPENAPI_PATH = fileURLToPath(new URL('../../openapi.yaml', import.meta.url));
const METHODS = ['get', 'post', 'put', 'delete'] as const;

type Json = Record<string, unknown>;

/** Parses openapi.yaml once and compiles every operation's validators. */
export function loadOperations(path = OPENAPI_PATH): OperationSpec[] {
  const doc = parse(readFileSync(path, 'utf8')) as Json;
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  ajv.addSchema({ $id: 'openapi', components: doc['components'] });
  const resolve = (node: unknown): Json => {
    let current = node as Json;
    for (let hops = 0; typeof current['$ref'] === 'string' && hops < 10; hops++) {
      const pointer = (current['$ref'] as string).replace(/^#\//, '').split('/');
      current = pointer.reduce<Json>((at, key) => at[key] as Json, doc);
    }
    return current;
  };
  const compile = (schema: unknown): ValidateFunction => ajv.compile(rewriteRefs(schema ?? {}) as Json);

  const operations: OperationSpec[] = [];
  for (const [path, item] of Object.entries(doc['paths'] as Record<string, Json>)) {
    const shared = ((item['parameters'] as unknown[] | undefined) ?? []).map(resolve);
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (op === undefined) continue;
      const own = ((op['parameters'] as unknown[] | undefined) ?? []).map(resolve);
      const parameters = [...shared, ...own].map((p): ParameterSpec => {
        const schema = resolve(p['schema'] ?? {});
        return {
          name: p['name'] as string,
          in: p['in'] as ParameterSpec['in'],
          required: p['required'] === true,
          type: (schema['type'] as ParameterSpec['type'] | undefined) ?? 'string',
          validate: compile(schema),
          errorKind: p['x-error-kind'] as DomainErrorKind | undefined,
          example: p['example'] ?? schema['example'],
        };
      });
      const requestBody = op['requestBody'] === undefined ? undefined : resolve(op['requestBody']);
      const content = requestBody?.['content'] as Record<string, Json> | undefined;
      const bodySchema = content?.['application/json']?.['schema'];
      const operationId = op['operationId'] as string;
      operations.push({
        operationId,
        method,
        path,
        honoPath: path.replace(/\{([^}]+)\}/g, ':$1'),
        parameters,
        auth: parseAuthRule(op['x-auth'], operationId, parameters),
        body:
          requestBody === undefined
            ? undefined
            : {
                required: requestBody['required'] === true,
                validate: compile(bodySchema),
                missingKind: requestBody['x-missing-error-kind'] as DomainErrorKind | undefined,
                example: content?.['application/json']?.['example'],
              },
      });
    }
  }
  return operations;
}

/** Local `#/components/...` refs become refs into the registered `openapi` document. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#/')
        ? `openapi${value}`
        : rewriteRefs(value),
    ]),
  );
}
