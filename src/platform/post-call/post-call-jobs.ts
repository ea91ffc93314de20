import { randomUUID } from 'node:crypto';
import type { TenantTransaction } from '../db/switchboard-database.js';
import type { JobQueue } from '../jobs/job-queue-service.js';

/** When the summary email goes out after an analysis. */
export type SummaryEmailMode =
  /** The organisation's rules decide: recipients set, call long enough, the caller spoke. */
  | 'auto'
  /** Whatever the rules say (asked for through the API). */
  | 'always'
  | 'never';

/** Analyse a call (at its end, or again on request). */
export interface AnalyzeCallJob {
  readonly orgId: string;
  readonly callId: string;
  readonly email: SummaryEmailMode;
  readonly trigger: 'call-ended' | 'api';
}

/** Send one email; rendered when the job runs, from the records as they are then. */
export type SendEmailJob =
  | {
      readonly orgId: string;
      readonly emailId: string;
      readonly kind: 'call-summary';
      readonly callId: string;
      /** Send even when the organisation's rules would skip this call. */
      readonly force: boolean;
    }
  | {
      readonly orgId: string;
      readonly emailId: string;
      readonly kind: 'endpoint-paused';
      readonly endpointId: string;
      readonly url: string;
      readonly consecutiveFailures: number;
      readonly lastError: string | null;
    };

/**
 * Queues a call's analysis in `trx` and marks the call's analysis pending, so the record and the
 * work to do agree whatever happens next.
 */
export async function requestCallAnalysis(
  trx: TenantTransaction,
  jobs: JobQueue,
  job: AnalyzeCallJob,
): Promise<string> {
  await trx
    .updateTable('calls')
    .set({ analysis_status: 'pending' })
    .where('id', '=', job.callId)
    .execute();
  return jobs.enqueue(trx, 'analyze-call', job);
}

/** Queues a call's summary email in `trx` regardless of the organisation's rules. */
export async function requestSummaryEmail(
  trx: TenantTransaction,
  jobs: JobQueue,
  orgId: string,
  callId: string,
): Promise<{ jobId: string; emailId: string }> {
  const emailId = randomUUID();
  const jobId = await jobs.enqueue(trx, 'send-email', {
    orgId,
    emailId,
    kind: 'call-summary',
    callId,
    force: true,
  } satisfies SendEmailJob);
  return { jobId, emailId };
}
