import { swaggerUI } from '@hono/swagger-ui';
import type { Handler } from '../../http/router.ts';

/**
 * The page of Hono's Swagger UI middleware, pointed at /openapi.yaml and at the assets this registry serves
 * itself (/docs/swagger-ui-dist/…). URLs are relative so the page also works behind a path prefix.
 */
const page = swaggerUI({ url: 'openapi.yaml', baseUrl: 'docs', title: 'Schemata API reference' });

/** GET /docs: the API reference page rendered from openapi.yaml. */
export const getDocs: Handler<'getDocs'> = async ({ c }) => (await page(c, async () => undefined)) ?? c.res;
