import type { Router } from '../../http/router.ts';
import { getAsyncApi } from './getAsyncApi.ts';
import { getDocs } from './getDocs.ts';
import { getDocsAsset } from './getDocsAsset.ts';
import { getOpenApi } from './getOpenApi.ts';

/** The contracts, served: both YAML files and the API reference page rendered from openapi.yaml. */
export function registerDocsRoutes(router: Router): void {
  router.handle('getOpenApi', getOpenApi);
  router.handle('getAsyncApi', getAsyncApi);
  router.handle('getDocs', getDocs);
  router.handle('getDocsAsset', getDocsAsset);
}
