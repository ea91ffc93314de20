import type { CallFollowUp } from '../calls/call-follow-up.js';
import type { JobQueue } from '../jobs/job-queue-service.js';
import { hasSubscribers, publishWebhookEvents } from '../webhooks/publish-webhook-events.js';
import { deterministicEventId, type WebhookEventType } from '../webhooks/webhook-event-types.js';
import { callEndedPayload, callStartedPayload } from './call-event-payloads.js';
import { requestCallAnalysis } from './post-call-jobs.js';

/** How long an organisation's interest in `transcript.updated` is remembered. */
const TRANSCRIPT_INTEREST_TTL_MS = 5_000;

/**
 * The platform's answer to a call's record changing: `call.started`, `transcript.updated` and
 * `call.ended` are published, and the analysis is queued, in the same transaction as the change.
 * Event ids derive from the facts, so a journal replayed after a crash announces nothing twice.
 *
 * These transactions run while other calls are live, on the same database, so an event nobody
 * subscribes to is not built at all (the call's end payload alone is five reads). Whether anyone
 * wants `transcript.updated`, asked at every record write of every live call, is remembered for
 * a few seconds per organisation: a new endpoint gets transcript updates within that time.
 */
export function createCallFollowUp(jobs: JobQueue): CallFollowUp {
  const transcriptInterest = new Map<string, { wanted: boolean; at: number }>();
  const wants = async (
    trx: Parameters<CallFollowUp['callStarted']>[0],
    orgId: string,
    type: WebhookEventType,
  ): Promise<boolean> => {
    if (type !== 'transcript.updated') return hasSubscribers(trx, type);
    const known = transcriptInterest.get(orgId);
    if (known !== undefined && Date.now() - known.at < TRANSCRIPT_INTEREST_TTL_MS)
      return known.wanted;
    const wanted = await hasSubscribers(trx, type);
    transcriptInterest.set(orgId, { wanted, at: Date.now() });
    if (transcriptInterest.size > 10_000) transcriptInterest.clear();
    return wanted;
  };
  return {
    async callStarted(trx, orgId, callId) {
      if (!(await wants(trx, orgId, 'call.started'))) return;
      const data = await callStartedPayload(trx, callId);
      if (data === undefined) return;
      await publishWebhookEvents(trx, orgId, [
        {
          id: deterministicEventId(callId, 'call.started'),
          type: 'call.started',
          subjectId: callId,
          callId,
          data,
        },
      ]);
    },
    async transcriptAdded(trx, orgId, callId, lines) {
      const last = lines.at(-1);
      if (last === undefined || !(await wants(trx, orgId, 'transcript.updated'))) return;
      await publishWebhookEvents(trx, orgId, [
        {
          id: deterministicEventId(callId, 'transcript.updated', String(last.seq)),
          type: 'transcript.updated',
          subjectId: callId,
          callId,
          data: { callId, lines },
        },
      ]);
    },
    async callEnded(trx, orgId, callId) {
      if (await wants(trx, orgId, 'call.ended')) {
        const data = await callEndedPayload(trx, callId);
        if (data !== undefined) {
          await publishWebhookEvents(trx, orgId, [
            {
              id: deterministicEventId(callId, 'call.ended'),
              type: 'call.ended',
              subjectId: callId,
              callId,
              data,
            },
          ]);
        }
      }
      await requestCallAnalysis(trx, jobs, { orgId, callId, email: 'auto', trigger: 'call-ended' });
    },
  };
}
