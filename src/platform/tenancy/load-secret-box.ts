import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../logging/logger.js';
import { SecretBox } from './secret-box.js';

/**
 * The key that encrypts provider credentials: SWITCHBOARD_SECRET_KEY when set; otherwise one
 * generated on first start and kept in DATA_DIR/secret.key (readable by the owner only), so a
 * single-machine install works without set-up. Losing it makes stored credentials unreadable.
 */
export async function loadSecretBox(options: {
  readonly secretKey?: string;
  readonly dataDir: string;
  readonly logger: Logger;
}): Promise<SecretBox> {
  if (options.secretKey !== undefined && options.secretKey !== '')
    return SecretBox.fromText(options.secretKey);
  const path = join(options.dataDir, 'secret.key');
  try {
    return SecretBox.fromText(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(options.dataDir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  await writeFile(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  options.logger.warn(
    { path },
    'generated a credential encryption key; set SWITCHBOARD_SECRET_KEY in production and back it up',
  );
  return SecretBox.fromText(key);
}
