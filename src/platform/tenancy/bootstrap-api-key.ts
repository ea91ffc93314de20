import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../logging/logger.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import { createApiKey } from './api-keys.js';

/** Where the first API key of a fresh installation is written (readable by its owner only). */
export function initialApiKeyPath(dataDir: string): string {
  return join(dataDir, 'initial-api-key.txt');
}

/**
 * A fresh installation has no way in: on first start, the default organisation gets one admin API
 * key, written once to DATA_DIR/initial-api-key.txt. Never again once the organisation has a key.
 */
export async function ensureInitialApiKey(
  database: SwitchboardDatabase,
  orgId: string,
  dataDir: string,
  logger: Logger,
): Promise<void> {
  const path = initialApiKeyPath(dataDir);
  const fileExists = await access(path).then(
    () => true,
    () => false,
  );
  if (fileExists) return;
  const secret = await database.forOrganization(orgId, async (trx) => {
    const existing = await trx.selectFrom('api_keys').select('id').limit(1).executeTakeFirst();
    if (existing !== undefined) return undefined;
    return (await createApiKey(trx, orgId, { name: 'initial', role: 'admin' })).secret;
  });
  if (secret === undefined) return;
  await writeFile(path, `${secret}\n`, { mode: 0o600 });
  logger.warn(
    { path },
    'created the first API key of this installation; read it from this file, then delete the file',
  );
}
