import { DomainError } from '../../domain/errors.ts';
import type { Handler } from '../../http/router.ts';
import { DOCS_ASSETS, serveFile } from '../../http/served.ts';

/** GET /docs/swagger-ui-dist/{asset}: Swagger UI's script and stylesheet, from the swagger-ui-dist package. */
export const getDocsAsset: Handler<'getDocsAsset'> = ({ c, input }) => {
  const asset = DOCS_ASSETS.find((name) => name === input.path.asset);
  if (asset === undefined) throw new DomainError('ROUTE_NOT_FOUND', `No route for GET ${c.req.path}.`);
  return serveFile(asset);
};
