import { listKeyRows } from '../../db/repositories/apiKeys.ts';
import type { Deps } from '../../deps.ts';
import { keyView, type ApiKeyView } from './keyView.ts';

/** GET /admin/keys: the stored keys without secrets, oldest first. */
export async function listKeys(deps: Deps): Promise<ApiKeyView[]> {
  return (await listKeyRows(deps.db)).map(keyView);
}
