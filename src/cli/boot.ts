import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProvisioning } from '../agents/load-provisioning.js';
import { loadConfig } from '../config/load-config.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { createSileroVad } from '../providers/local/silero/index.js';
import { startSwitchboardServer, type SwitchboardServer } from '../server/switchboard-server.js';

/** The package's root folder, whether running from `src/` (tsx) or from `dist/src/` (built). */
export function packageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder)
    folder = dirname(folder);
  return folder;
}

/** The example provisioning file shipped with the package. */
export const EXAMPLE_PROVISIONING = join(packageRoot(), 'config', 'example.yaml');

/**
 * Reads the environment, loads agents and the VAD model, and starts the server. Every mistake in
 * the configuration is reported at once, naming the setting, before anything listens.
 */
export async function bootServer(
  env: NodeJS.ProcessEnv,
  options: { logger?: Logger; defaultProvisioning?: string } = {},
): Promise<SwitchboardServer> {
  const config = loadConfig(env);
  const logger =
    options.logger ??
    createLogger({ level: config.logging.level, redactPii: config.logging.redactPii });
  const provisioningPath = config.provisioningPath ?? options.defaultProvisioning;
  const provisioning =
    provisioningPath === undefined
      ? { agents: [], numbers: [] }
      : loadProvisioning(provisioningPath);
  const vad = await createSileroVad({ sampleRate: 8000, logger });
  const server = await startSwitchboardServer({ config, provisioning, logger, vad });
  const close = server.close;
  return {
    ...server,
    close: async () => {
      await close();
      await vad.close();
    },
  };
}
