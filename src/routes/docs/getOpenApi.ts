import type { Handler } from '../../http/router.ts';
import { serveFile } from '../../http/served.ts';

/** GET /openapi.yaml: the HTTP contract, as committed. */
export const getOpenApi: Handler<'getOpenApi'> = () => serveFile('openapi.yaml');
