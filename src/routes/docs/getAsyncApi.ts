import type { Handler } from '../../http/router.ts';
import { serveFile } from '../../http/served.ts';

/** GET /asyncapi.yaml: the contract of the change events, as committed. */
export const getAsyncApi: Handler<'getAsyncApi'> = () => serveFile('asyncapi.yaml');
