import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { PostCallConfig, ProvidersConfig } from '../../config/app-config.js';
import type { Logger } from '../../logging/logger.js';
import type { CallFollowUp } from '../calls/call-follow-up.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import { createEmailSender, type EmailSender } from '../email/index.js';
import { JOB_QUEUES, JobQueue } from '../jobs/job-queue-service.js';
import { JobRunner } from '../jobs/job-runner.js';
import type { SecretBox } from '../tenancy/secret-box.js';
import { DEFAULT_RETRY_SCHEDULE } from '../webhooks/retry-schedule.js';
import { releaseDeliveryLeases } from '../webhooks/claim-due-deliveries.js';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher.js';
import { createAnalyzeCallHandler } from './analyze-call-job.js';
import { createCallFollowUp } from './create-call-follow-up.js';
import type { AnalyzeCallJob, SendEmailJob } from './post-call-jobs.js';
import { createSendEmailHandler } from './send-email-job.js';

export interface PostCallOptions {
  readonly database: SwitchboardDatabase;
  readonly secrets: SecretBox;
  readonly logger: Logger;
  readonly dataDir: string;
  /** Where the dashboard is, for links in emails (known once the server listens). */
  readonly publicUrl: () => string;
  /** The installation's provider connections, used for analysis unless an organisation has its own. */
  readonly providers: ProvidersConfig;
  readonly config: PostCallConfig;
  readonly allowPrivateNetworks: boolean;
  /** The job queue's schema (default `pgboss`). */
  readonly jobSchema?: string;
}

/** Everything that happens after a call, running. */
export interface PostCall {
  readonly jobs: JobQueue;
  readonly followUp: CallFollowUp;
  readonly dispatcher: WebhookDispatcher;
  readonly runner: JobRunner;
  readonly sender: EmailSender;
  stop(): Promise<void>;
}

/**
 * Starts the durable job queue with its workers (analysis, email), the webhook dispatcher and the
 * email sender, and returns the follow-up the call records run in their transactions.
 */
export async function startPostCall(options: PostCallOptions): Promise<PostCall> {
  const { database, logger, config } = options;
  const jobs = await JobQueue.start({
    database,
    logger,
    ...(options.jobSchema !== undefined ? { schema: options.jobSchema } : {}),
  });
  if (database.backend === 'pglite') {
    // One process owns the embedded database: whatever a previous run left in flight is orphaned.
    const jobsReclaimed = await jobs.reclaimOrphans();
    const leasesReleased = await releaseDeliveryLeases(database);
    if (jobsReclaimed + leasesReleased > 0)
      logger.info(
        { jobsReclaimed, leasesReleased },
        'work left in flight by the last run is queued again',
      );
  }
  const sender = createEmailSender({
    ...(config.smtpUrl !== undefined ? { smtpUrl: config.smtpUrl } : {}),
    from: config.emailFrom,
    outboxDir: join(options.dataDir, 'outbox'),
    logger,
  });
  const runner = new JobRunner({ boss: jobs.boss, logger });
  runner.register<AnalyzeCallJob>(
    JOB_QUEUES.analyzeCall.name,
    createAnalyzeCallHandler({
      database,
      jobs,
      secrets: options.secrets,
      providers: options.providers,
      logger,
    }),
    { concurrency: 8, perOrganization: 4 },
  );
  runner.register<SendEmailJob>(
    JOB_QUEUES.sendEmail.name,
    createSendEmailHandler({ database, sender, publicUrl: options.publicUrl, logger }),
    { concurrency: 4, perOrganization: 2 },
  );
  const dispatcher = new WebhookDispatcher({
    database,
    secrets: options.secrets,
    logger,
    allowPrivateNetworks: options.allowPrivateNetworks,
    timeoutMs: config.webhookTimeoutMs,
    pauseAfterFailures: config.webhookPauseAfterFailures,
    schedule: {
      ...DEFAULT_RETRY_SCHEDULE,
      maxAttempts: config.webhookMaxAttempts,
      baseDelayMs: config.webhookRetryBaseMs,
    },
    onEndpointPaused: async (trx, paused) => {
      await jobs.enqueue(trx, 'send-email', {
        orgId: paused.orgId,
        emailId: randomUUID(),
        kind: 'endpoint-paused',
        endpointId: paused.endpointId,
        url: paused.url,
        consecutiveFailures: paused.consecutiveFailures,
        lastError: paused.lastError,
      } satisfies SendEmailJob);
    },
  });
  runner.start();
  dispatcher.start();
  return {
    jobs,
    followUp: createCallFollowUp(jobs),
    dispatcher,
    runner,
    sender,
    async stop() {
      await dispatcher.stop();
      await runner.stop();
      await jobs.stop();
      sender.close();
    },
  };
}
