import { join } from 'node:path';
import type { Provisioning } from '../agents/agent-definition.js';
import type { AppConfig } from '../config/app-config.js';
import type { Logger } from '../logging/logger.js';
import { syncProvisioning } from './agents/sync-provisioning.js';
import { CallRecordWriter } from './calls/call-record-writer.js';
import { recoverSpool, type SpoolRecoveryReport } from './calls/recover-spool.js';
import { openDatabase } from './db/open-database.js';
import type { SwitchboardDatabase } from './db/switchboard-database.js';
import { startPostCall, type PostCall } from './post-call/start-post-call.js';
import { createCallRouter, type CallRouter } from './routing/call-router.js';
import {
  createLocalRecordingStorage,
  createS3RecordingStorage,
  type RecordingStorage,
} from './storage/index.js';
import { ensureInitialApiKey } from './tenancy/bootstrap-api-key.js';
import { loadSecretBox } from './tenancy/load-secret-box.js';
import type { SecretBox } from './tenancy/secret-box.js';

/** Everything the server needs from the platform: data, routing, records, storage, secrets. */
export interface Platform {
  readonly database: SwitchboardDatabase;
  readonly router: CallRouter;
  readonly records: CallRecordWriter;
  readonly storage: RecordingStorage;
  readonly secrets: SecretBox;
  /** The organisation of the provisioning file and of the environment's carrier accounts. */
  readonly defaultOrgId: string;
  readonly recovery: SpoolRecoveryReport;
  /** Jobs, webhooks, analysis and emails after each call. */
  readonly postCall: PostCall;
  close(): Promise<void>;
}

/**
 * Opens the database (embedded or a server), applies migrations, syncs the provisioning file,
 * closes the calls a previous run left open, and builds the router and record writer. Runs
 * before the server listens, so no call arrives while the spool is being recovered.
 */
export async function startPlatform(options: {
  readonly config: AppConfig;
  readonly provisioning: Provisioning;
  readonly logger: Logger;
  /** Where the dashboard is, for links in emails; read when an email is written. */
  readonly publicUrl?: () => string;
}): Promise<Platform> {
  const { config, logger } = options;
  const { dataDir } = config.platform;
  const database = await openDatabase({
    ...(config.platform.databaseUrl !== undefined
      ? { databaseUrl: config.platform.databaseUrl, schema: config.platform.databaseSchema }
      : { dataDir: join(dataDir, 'pgdata') }),
    logger,
  });
  try {
    const secrets = await loadSecretBox({ secretKey: config.platform.secretKey, dataDir, logger });
    const storage =
      config.s3 !== undefined
        ? createS3RecordingStorage({
            ...config.s3,
            ...(config.s3.endpoint !== undefined ? { endpoint: config.s3.endpoint } : {}),
          })
        : createLocalRecordingStorage({ directory: join(dataDir, 'recordings') });
    const synced = await syncProvisioning(database, options.provisioning, logger);
    await ensureInitialApiKey(database, synced.orgId, dataDir, logger);
    const postCall = await startPostCall({
      database,
      secrets,
      logger,
      dataDir,
      publicUrl:
        options.publicUrl ??
        (() => config.server.publicUrl ?? `http://localhost:${config.server.port}`),
      providers: config.providers,
      config: config.postCall,
      allowPrivateNetworks: config.platform.allowPrivateNetworks,
    });
    const recovery = await recoverSpool({
      database,
      storage,
      dataDir,
      logger,
      followUp: postCall.followUp,
    }).catch(async (error: unknown) => {
      await postCall.stop().catch(() => undefined);
      throw error;
    });
    const installationAccounts = [config.twilio?.accountSid, config.signalwire?.projectId].filter(
      (account): account is string => account !== undefined,
    );
    const router = createCallRouter({
      database,
      defaultOrgId: synced.orgId,
      installationAccounts,
      logger,
    });
    const records = new CallRecordWriter({
      database,
      storage,
      dataDir,
      logger,
      recordAudio: config.platform.recordCalls,
      followUp: postCall.followUp,
    });
    logger.info(
      { database: database.backend, storage: config.s3 !== undefined ? 's3' : 'local' },
      'platform ready',
    );
    return {
      database,
      router,
      records,
      storage,
      secrets,
      defaultOrgId: synced.orgId,
      recovery,
      postCall,
      close: async () => {
        await postCall
          .stop()
          .catch((error: unknown) =>
            logger.warn({ err: error }, 'post-call work did not stop cleanly'),
          );
        await database.close();
      },
    };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}
