import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
export const OPENAPI_PATH = fileURLToPath(new URL('../../openapi.yaml', import.meta.url));
const METHODS = ['get', 'post', 'put', 'delete'];
/** Parses openapi.yaml once and compiles every operation's validators. */
export function loadOperations(path = OPENAPI_PATH) {
    const doc = parse(readFileSync(path, 'utf8'));
    const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
    ajv.addSchema({ $id: 'openapi', components: doc['components'] });
    const resolve = (node) => {
        let current = node;
        for (let hops = 0; typeof current['$ref'] === 'string' && hops < 10; hops++) {
            const pointer = current['$ref'].replace(/^#\//, '').split('/');
            current = pointer.reduce((at, key) => at[key], doc);
        }
        return current;
    };
    const compile = (schema) => ajv.compile(rewriteRefs(schema ?? {}));
    const operations = [];
    for (const [path, item] of Object.entries(doc['paths'])) {
        const shared = (item['parameters'] ?? []).map(resolve);
        for (const method of METHODS) {
            const op = item[method];
            if (op === undefined)
                continue;
            const own = (op['parameters'] ?? []).map(resolve);
            const parameters = [...shared, ...own].map((p) => {
                const schema = resolve(p['schema'] ?? {});
                return {
                    name: p['name'],
                    in: p['in'],
                    required: p['required'] === true,
                    type: schema['type'] ?? 'string',
                    validate: compile(schema),
                    errorKind: p['x-error-kind'],
                };
            });
            const requestBody = op['requestBody'] === undefined ? undefined : resolve(op['requestBody']);
            const content = requestBody?.['content'];
            const bodySchema = content?.['application/json']?.['schema'];
            operations.push({
                operationId: op['operationId'],
                method,
                path,
                honoPath: path.replace(/\{([^}]+)\}/g, ':$1'),
                parameters,
                body: requestBody === undefined
                    ? undefined
                    : {
                        required: requestBody['required'] === true,
                        validate: compile(bodySchema),
                        missingKind: requestBody['x-missing-error-kind'],
                    },
            });
        }
    }
    return operations;
}
/** Local `#/components/...` refs become refs into the registered `openapi` document. */
function rewriteRefs(node) {
    if (Array.isArray(node))
        return node.map(rewriteRefs);
    if (typeof node !== 'object' || node === null)
        return node;
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [
        key,
        key === '$ref' && typeof value === 'string' && value.startsWith('#/')
            ? `openapi${value}`
            : rewriteRefs(value),
    ]));
}
